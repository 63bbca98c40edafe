package dev.orgkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The short configuration CI runs on one server: three processes, one SIGKILL, terminated backends, a failing mailer. */
final class ReliabilityRun {
    private ReliabilityRun() {}

    static void runOn(String variable) throws Exception {
        String url = System.getenv(variable);
        assumeTrue(url != null && !url.isBlank(), variable + " is not set: the reliability run on it is skipped");
        String seconds = System.getProperty("orgkit.reliability.seconds", "60");
        String seed = System.getProperty("orgkit.seed", String.valueOf(System.nanoTime() & 0xffffffL));
        Report report = Harness.run(Settings.parse("--url=" + url, "--seconds=" + seconds, "--seed=" + seed,
                "--dir=target/reliability"));
        report.print(System.out);

        assertThat(report.violations()).as("violations (the table above lists them)").isZero();
        assertThat(report.kills).as("processes killed").isEqualTo(1);
        assertThat(report.backendsTerminated).as("database backends terminated").isPositive();
        assertThat(report.mailsRefused).as("mail sends refused").isPositive();
        assertThat(report.commands.get("INVITE")[Journals.Ending.ACKNOWLEDGED.ordinal()])
                .as("acknowledged invitations").isPositive();
        assertThat(report.commands.get("KEY_REVOKE")[Journals.Ending.ACKNOWLEDGED.ordinal()])
                .as("acknowledged key revocations").isPositive();
        assertThat(report.commands.get("ERASE_USER")[Journals.Ending.ACKNOWLEDGED.ordinal()])
                .as("acknowledged erasures").isPositive();
    }
}
