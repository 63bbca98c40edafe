package dev.orgkit.reliability;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.StorageException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one command and journals it the way a client would remember it: {@code C} before the call
 * (the command is in flight), then {@code A} (acknowledged: it returned), {@code R} (refused by a
 * rule: nothing may have changed), {@code X} (the storage failed: the outcome is unknown to the
 * client, as a lost commit acknowledgement makes it) or {@code E} (an exception orgkit does not
 * promise: a violation). A command whose process was killed has only its {@code C} line.
 */
final class Outcomes {
    private final Journal journal;
    private final String thread;
    private final AtomicLong sequence = new AtomicLong();

    /** Journals to {@code journal} the commands of one thread, numbered {@code <thread>.<n>}. */
    Outcomes(Journal journal, String thread) {
        this.journal = journal;
        this.thread = thread;
    }

    /**
     * Runs {@code call} as command {@code kind} whose audit event, if it commits, has {@code key};
     * returns its result if it was acknowledged.
     */
    <T> Optional<T> run(String kind, String key, Supplier<T> call, Function<T, String> describe) {
        String seq = thread + "." + sequence.incrementAndGet();
        journal.write("C", seq, System.currentTimeMillis(), kind, key);
        try {
            T result = call.get();
            journal.write("A", seq, System.currentTimeMillis(), describe.apply(result));
            return Optional.of(result);
        } catch (AccessDeniedException e) {
            journal.write("R", seq, System.currentTimeMillis(), e.code());
        } catch (ConflictException e) {
            journal.write("R", seq, System.currentTimeMillis(), e.code());
        } catch (NotFoundException e) {
            journal.write("R", seq, System.currentTimeMillis(), e.code());
        } catch (InvalidInputException e) {
            journal.write("R", seq, System.currentTimeMillis(), "INVALID_INPUT");
        } catch (StorageException e) {
            journal.write("X", seq, System.currentTimeMillis(), rootCause(e));
        } catch (RuntimeException e) {
            journal.write("E", seq, System.currentTimeMillis(), e.getClass().getName());
        }
        return Optional.empty();
    }

    /** {@link #run} for a command that returns nothing worth journaling. */
    void run(String kind, String key, Runnable call) {
        run(kind, key, () -> {
            call.run();
            return "";
        }, r -> "");
    }

    /** The root cause's class, and the SQLState of the first {@link java.sql.SQLException} on the way. */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        String state = "none";
        while (true) {
            if (cause instanceof java.sql.SQLException sql && state.equals("none") && sql.getSQLState() != null) {
                state = sql.getSQLState();
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ":" + state;
    }
}
