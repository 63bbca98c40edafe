package dev.orgkit.internal;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;

import dev.orgkit.spi.AccountStore;
import dev.orgkit.spi.ApiKeyStore;
import dev.orgkit.spi.AuditStore;
import dev.orgkit.spi.DeliveryStore;
import dev.orgkit.spi.InvitationStore;
import dev.orgkit.spi.MemberStore;
import dev.orgkit.spi.PlanStore;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.SupportStore;
import dev.orgkit.spi.UsageStore;
import dev.orgkit.spi.WriteTransaction;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.mockito.invocation.Invocation;

/**
 * A storage made of Mockito mocks: one mock per store, one transaction handing them out, and a
 * {@link #commits} mock called each time a write transaction's work returns (the commit). Tests
 * stub the reads a command needs and then ask which writes it made.
 */
final class MockedStorage {
    final AccountStore accounts = mock(AccountStore.class);
    final MemberStore members = mock(MemberStore.class);
    final InvitationStore invitations = mock(InvitationStore.class);
    final DeliveryStore deliveries = mock(DeliveryStore.class);
    final ApiKeyStore apiKeys = mock(ApiKeyStore.class);
    final UsageStore usage = mock(UsageStore.class);
    final SupportStore support = mock(SupportStore.class);
    final PlanStore plans = mock(PlanStore.class);
    final AuditStore audit = mock(AuditStore.class);
    final Runnable commits = mock(Runnable.class);
    final Storage storage = mock(Storage.class);

    MockedStorage() {
        WriteTransaction tx = mock(WriteTransaction.class);
        lenient().when(tx.accounts()).thenReturn(accounts);
        lenient().when(tx.members()).thenReturn(members);
        lenient().when(tx.invitations()).thenReturn(invitations);
        lenient().when(tx.deliveries()).thenReturn(deliveries);
        lenient().when(tx.apiKeys()).thenReturn(apiKeys);
        lenient().when(tx.usage()).thenReturn(usage);
        lenient().when(tx.support()).thenReturn(support);
        lenient().when(tx.plans()).thenReturn(plans);
        lenient().when(tx.audit()).thenReturn(audit);
        lenient().when(storage.read(any())).thenAnswer(call -> call.<Function<WriteTransaction, ?>>getArgument(0).apply(tx));
        lenient().when(storage.write(any())).thenAnswer(call -> {
            Object result = call.<Function<WriteTransaction, ?>>getArgument(0).apply(tx);
            commits.run();
            return result;
        });
    }

    /**
     * Every call of a write method on any store: a method the store declares beyond its read half,
     * except the account lock, which every command takes before it decides.
     */
    List<String> writes() {
        return Stream.of(accounts, members, invitations, deliveries, apiKeys, usage, support, plans, audit)
                .flatMap(store -> mockingDetails(store).getInvocations().stream())
                .map(Invocation::getMethod)
                .filter(MockedStorage::isWrite)
                .map(method -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
                .toList();
    }

    private static boolean isWrite(Method method) {
        return method.getDeclaringClass().getSimpleName().endsWith("Store")
                && !(method.getDeclaringClass() == AccountStore.class && method.getName().equals("lock"));
    }
}
