package dev.orgkit.tck;

import dev.orgkit.OrgKit;
import dev.orgkit.spi.ReadTransaction;
import dev.orgkit.spi.Storage;
import dev.orgkit.spi.WriteTransaction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * One kit for many runs of a {@link World}: building a kit is slow (it builds a validator), so
 * runs share one whose storage, clock, mailer and randomness are replaced at the start of every
 * run. A run replayed with the same seed on a fresh storage sees exactly the same ids, tokens and
 * times.
 */
final class Rig implements AutoCloseable {
    private final SwitchedStorage storage = new SwitchedStorage();
    private final SetClock clock = new SetClock();
    private final ReseededRandom random = new ReseededRandom();
    private RecordingMailer mailer = new RecordingMailer();
    private final OrgKit kit;
    private final Map<String, Integer> outcomes = new TreeMap<>();

    Rig() {
        this.kit = OrgKit.builder().storage(storage).clock(clock).random(random)
                .mailer(mail -> mailer.send(mail)).build();
    }

    /** Starts a run on {@code next} (fresh and empty), seeded with {@code seed}; the run's clock. */
    MutableClock reset(Storage next, long seed) {
        storage.current = next;
        random.current = new Random(seed);
        mailer = new RecordingMailer();
        MutableClock runClock = new MutableClock(ContractFixture.START);
        clock.current = runClock;
        return runClock;
    }

    /** The kit every run acts on. */
    OrgKit kit() {
        return kit;
    }

    /** The mailer of the current run. */
    RecordingMailer mailer() {
        return mailer;
    }

    /** Counts one more command of kind {@code outcome} ("Invite done", "Leave refused LAST_ADMIN"). */
    void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }

    /** How often each kind of command ended each way, over every run so far: what the runs exercised. */
    String outcomes() {
        return outcomes.toString();
    }

    @Override
    public void close() {
        kit.close();
    }

    /** A storage that forwards to the storage of the current run. */
    private static final class SwitchedStorage implements Storage {
        private volatile Storage current;

        @Override
        public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
            return current.read(work);
        }

        @Override
        public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
            return current.write(work);
        }
    }

    /** A clock that reads the clock of the current run. */
    private static final class SetClock extends Clock {
        private volatile MutableClock current = new MutableClock(ContractFixture.START);

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return current.instant();
        }
    }

    /** Randomness from the seeded generator of the current run. */
    private static final class ReseededRandom implements RandomGenerator {
        private volatile Random current = new Random(0);

        @Override
        public long nextLong() {
            return current.nextLong();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            current.nextBytes(bytes);
        }
    }
}
