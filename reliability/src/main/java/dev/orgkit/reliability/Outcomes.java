package dev.orgkit.reliability;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.StorageException;
import java.util.List;
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
    private Journals.Ending last = Journals.Ending.IN_FLIGHT;

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
        return run(kind, key, 1, call, describe);
    }

    /**
     * {@link #run} for a command that writes {@code events} audit events with {@code key} when it
     * commits (an erasure writes one per account the user leaves, none for a user erased already):
     * the {@code C} line carries the count when it is not 1.
     */
    <T> Optional<T> run(String kind, String key, int events, Supplier<T> call, Function<T, String> describe) {
        String seq = thread + "." + sequence.incrementAndGet();
        if (events == 1) {
            journal.write("C", seq, System.currentTimeMillis(), kind, key);
        } else {
            journal.write("C", seq, System.currentTimeMillis(), kind, key, events);
        }
        last = Journals.Ending.REFUSED;
        try {
            T result = call.get();
            journal.write("A", seq, System.currentTimeMillis(), describe.apply(result));
            last = Journals.Ending.ACKNOWLEDGED;
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
            last = Journals.Ending.UNKNOWN;
            journal.write("X", seq, System.currentTimeMillis(), rootCause(e));
        } catch (RuntimeException e) {
            last = Journals.Ending.UNEXPECTED;
            journal.write("E", seq, System.currentTimeMillis(), e.getClass().getName());
        }
        return Optional.empty();
    }

    /** How the last command {@link #run} ran ended (this object serves one thread). */
    Journals.Ending last() {
        return last;
    }

    /** How one row of a multi-row command ended: done (with what to journal) or refused (with the code). */
    record Row(boolean done, String detail) {
        static Row done(String detail) {
            return new Row(true, detail);
        }

        static Row refused(String code) {
            return new Row(false, code);
        }
    }

    /**
     * Runs a command of several rows that commit together, each row with its own audit key (a bulk
     * invitation writes one event per invited row): one {@code C} line per row before the call, then
     * per row {@code A} or {@code R} as {@code call} reports it; a refusal or failure of the whole call
     * ends every row alike, and a kill leaves every row in flight.
     */
    void runRows(String kind, List<String> keys, Supplier<List<Row>> call) {
        String seq = thread + "." + sequence.incrementAndGet();
        for (int i = 0; i < keys.size(); i++) {
            journal.write("C", seq + "." + i, System.currentTimeMillis(), kind, keys.get(i));
        }
        String[] ending;
        try {
            List<Row> rows = call.get();
            if (rows.size() != keys.size()) {
                throw new IllegalStateException(rows.size() + " outcomes for " + keys.size() + " rows");
            }
            long now = System.currentTimeMillis();
            for (int i = 0; i < rows.size(); i++) {
                journal.write(rows.get(i).done() ? "A" : "R", seq + "." + i, now, rows.get(i).detail());
            }
            return;
        } catch (RuntimeException e) {
            ending = ending(e);
        }
        long now = System.currentTimeMillis();
        for (int i = 0; i < keys.size(); i++) {
            journal.write(ending[0], seq + "." + i, now, ending[1]);
        }
    }

    /** The journal's record type and detail for a command that threw {@code e}. */
    private static String[] ending(RuntimeException e) {
        if (e instanceof AccessDeniedException denied) {
            return new String[] {"R", denied.code().name()};
        } else if (e instanceof ConflictException conflict) {
            return new String[] {"R", conflict.code().name()};
        } else if (e instanceof NotFoundException notFound) {
            return new String[] {"R", notFound.code().name()};
        } else if (e instanceof InvalidInputException) {
            return new String[] {"R", "INVALID_INPUT"};
        } else if (e instanceof StorageException) {
            return new String[] {"X", rootCause(e)};
        }
        return new String[] {"E", e.getClass().getName()};
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
