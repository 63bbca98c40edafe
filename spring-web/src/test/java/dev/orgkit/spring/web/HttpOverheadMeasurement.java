package dev.orgkit.spring.web;

import dev.orgkit.OrgKit;
import dev.orgkit.Principal;
import dev.orgkit.UserPrincipal;
import dev.orgkit.account.AccountId;
import dev.orgkit.account.NewOrganization;
import dev.orgkit.apikey.NewApiKey;
import dev.orgkit.member.Role;
import dev.orgkit.spring.web.internal.MemberViews.MembershipView;
import dev.orgkit.spring.web.internal.Pages;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Load measurement, not a test: the overhead of orgkit's HTTP layer over loopback, as ratios of
 * mean latency and of CPU time per request against bare controllers that answer the same JSON. Rounds alternate between the
 * two so that a machine busy with other work weighs on both alike. Run by hand (docs/http-api.md):
 *
 * <pre>
 * mvn -B -ntp -pl spring-web -am verify -Dtest=HttpOverheadMeasurement -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dorgkit.excludedGroups= -Dgroups=measurement [-Dorgkit.measure.storage=inmemory] [-Dorgkit.measure.seconds=5]
 * </pre>
 */
@Tag("measurement")
class HttpOverheadMeasurement {
    private static final int CLIENTS = Integer.getInteger("orgkit.measure.clients", 4);
    private static final int SECONDS = Integer.getInteger("orgkit.measure.seconds", 5);
    private static final int ROUNDS = Integer.getInteger("orgkit.measure.rounds", 3);

    @Test
    void measure() throws Exception {
        String storage = System.getProperty("orgkit.measure.storage", "h2");
        var application = new SpringApplication(MeasurementHost.class);
        application.addPrimarySources(List.of(TestDatabase.of(storage)));
        Map<String, Object> properties = new HashMap<>(TestHost.ORGKIT_PROPERTIES);
        properties.putAll(Map.of("server.port", "0", "logging.level.root", "WARN", "spring.main.banner-mode", "off"));
        application.setDefaultProperties(properties);
        try (ConfigurableApplicationContext context = application.run()) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            OrgKit kit = context.getBean(OrgKit.class);
            UserPrincipal admin = Principal.user("u-admin", "u-admin@example.com");
            AccountId org = organizationOf100Members(kit, context.getBean(TestHost.Mails.class), admin);
            MeasurementHost.BareController.PAGE.set(
                    Pages.view(kit.members().list(admin, org, dev.orgkit.PageRequest.first(50)), m -> new MembershipView(
                            m.organizationId().value(), m.userId().value(), m.email().value(), m.role(), m.joinedAt())));
            String secret = kit.apiKeys().create(admin, org, new NewApiKey("load")).secret();

            String root = "http://127.0.0.1:" + port;
            HttpRequest orgKitMembers = HttpRequest.newBuilder(URI.create(root + RunningApp.BASE + "/organizations/"
                    + org.value() + "/members?size=50")).header("X-User", "u-admin").build();
            HttpRequest bareMembers = HttpRequest.newBuilder(URI.create(root + "/bare/organizations/" + org.value()
                    + "/members?size=50")).build();
            HttpRequest keyPing = HttpRequest.newBuilder(URI.create(root + "/host/ping"))
                    .header("Authorization", "Bearer " + secret).build();
            HttpRequest barePing = HttpRequest.newBuilder(URI.create(root + "/bare/ping")).build();

            System.out.printf("%nHTTP overhead of orgkit-spring-web, storage %s, %d clients, %d rounds of %d s%n",
                    storage, CLIENTS, ROUNDS, SECONDS);
            compare("GET /organizations/{id}/members?size=50", orgKitMembers, bareMembers);
            compare("GET /host/ping with an API key (filter + verify)", keyPing, barePing);
        }
    }

    private static AccountId organizationOf100Members(OrgKit kit, TestHost.Mails mails, UserPrincipal admin) {
        AccountId org = kit.organizations().create(admin,
                new NewOrganization("Load", "Load SAS", "a@load.example", "b@load.example")).id();
        for (int i = 1; i < 100; i++) {
            String user = String.format("u-%03d", i);
            kit.members().invite(admin, org, user + "@example.com", Role.MEMBER);
            kit.invitations().accept(Principal.user(user, user + "@example.com"), mails.lastTokenFor(user + "@example.com"));
        }
        return org;
    }

    private static void compare(String what, HttpRequest orgKit, HttpRequest bare) throws Exception {
        run(orgKit, 2);
        run(bare, 2);
        List<Double> latency = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        double orgKitMean = 0;
        double bareMean = 0;
        double orgKitCpu = 0;
        double bareCpu = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Result b = run(bare, SECONDS);
            Result o = run(orgKit, SECONDS);
            latency.add(o.meanMicros() / b.meanMicros());
            cpu.add(o.cpuMicros() / b.cpuMicros());
            orgKitMean += o.meanMicros() / ROUNDS;
            bareMean += b.meanMicros() / ROUNDS;
            orgKitCpu += o.cpuMicros() / ROUNDS;
            bareCpu += b.cpuMicros() / ROUNDS;
        }
        System.out.printf("%s%n  latency: orgkit %7.0f µs, bare %7.0f µs, ratio median %.2f %s%n"
                + "  CPU per request (server and client, one JVM): orgkit %5.0f µs, bare %5.0f µs, ratio median %.2f %s%n",
                what, orgKitMean, bareMean, median(latency), format(latency), orgKitCpu, bareCpu, median(cpu), format(cpu));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static List<String> format(List<Double> ratios) {
        return ratios.stream().map(r -> String.format("%.2f", r)).toList();
    }

    /** Requests made, time spent waiting for answers (summed over clients), and the process's CPU time meanwhile. */
    private record Result(long requests, long nanos, long cpuNanos) {
        double meanMicros() {
            return nanos / 1000.0 / requests;
        }

        double cpuMicros() {
            return cpuNanos / 1000.0 / requests;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** {@link #CLIENTS} clients send {@code request} back to back for {@code seconds}; every answer must be 200. */
    private static Result run(HttpRequest request, int seconds) throws Exception {
        long cpuStart = processCpuNanos();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<long[]>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    long count = 0;
                    long busy = 0;
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        busy += System.nanoTime() - start;
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
                        }
                        count++;
                    }
                    return new long[] {count, busy};
                }));
            }
            long requests = 0;
            long nanos = 0;
            for (Future<long[]> client : clients) {
                long[] result = client.get();
                requests += result[0];
                nanos += result[1];
            }
            return new Result(requests, nanos, processCpuNanos() - cpuStart);
        } finally {
            pool.shutdownNow();
        }
    }
}
