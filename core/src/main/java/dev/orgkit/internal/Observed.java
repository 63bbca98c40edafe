package dev.orgkit.internal;

import dev.orgkit.AccessDeniedException;
import dev.orgkit.ConflictException;
import dev.orgkit.InvalidInputException;
import dev.orgkit.NotFoundException;
import dev.orgkit.StorageException;
import dev.orgkit.apikey.ApiKeys;
import dev.orgkit.apikey.KeyVerification;
import dev.orgkit.policy.DenialCode;
import dev.orgkit.spi.Observer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's {@link Observer}s as one, each call guarded, and the wrapping of the kit's services so
 * that every call is reported with its outcome and duration. Used only when an observer is
 * registered: without one the kit hands out its services unwrapped. Thread-safe.
 */
public final class Observed implements Observer {
    private static final Logger LOG = LoggerFactory.getLogger(Observed.class);

    private final List<Observer> observers;

    private Observed(List<Observer> observers) {
        this.observers = List.copyOf(observers);
    }

    /** The observers as one, or null when there is none (then nothing is wrapped). */
    public static @Nullable Observed of(List<Observer> observers) {
        return observers.isEmpty() ? null : new Observed(observers);
    }

    @Override
    public void verified(KeyVerification.Code code) {
        for (Observer observer : observers) {
            try {
                observer.verified(code);
            } catch (RuntimeException e) {
                failed(observer, e);
            }
        }
    }

    @Override
    public void completed(String command, Outcome outcome, Duration duration) {
        for (Observer observer : observers) {
            try {
                observer.completed(command, outcome, duration);
            } catch (RuntimeException e) {
                failed(observer, e);
            }
        }
    }

    private static void failed(Observer observer, RuntimeException e) {
        // The observer's exception message may hold anything: log its class only.
        LOG.warn("Observer {} failed with {}; the call it observed stands.", observer.getClass().getName(),
                e.getClass().getName());
    }

    /** How a call that threw {@code failure} ended. */
    static Outcome outcome(Throwable failure) {
        if (failure instanceof AccessDeniedException denied) {
            return denied.code() == DenialCode.NOT_FOUND ? Outcome.NOT_FOUND : Outcome.DENIED;
        }
        if (failure instanceof NotFoundException) {
            return Outcome.NOT_FOUND;
        }
        if (failure instanceof InvalidInputException) {
            return Outcome.INVALID_INPUT;
        }
        if (failure instanceof ConflictException) {
            return Outcome.CONFLICT;
        }
        if (failure instanceof StorageException) {
            return Outcome.STORAGE_ERROR;
        }
        return Outcome.ERROR;
    }

    /**
     * {@code service} behind a proxy of {@code type} that reports each call as
     * {@code <name>.<method in snake case>}. The methods of {@link Object} pass through unreported.
     */
    public <T> T wrap(Class<T> type, T service, String name) {
        Map<Method, String> commands = new ConcurrentHashMap<>();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(service, args);
            }
            String command = commands.computeIfAbsent(method, m -> name + "." + snakeCase(m.getName()));
            long start = System.nanoTime();
            try {
                Object result = method.invoke(service, args);
                completed(command, Outcome.SUCCESS, Duration.ofNanos(System.nanoTime() - start));
                return result;
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                completed(command, outcome(failure), Duration.ofNanos(System.nanoTime() - start));
                throw failure;
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** {@code keys} reporting to {@code observed}, or {@code keys} itself when nothing observes. */
    public static ApiKeys apiKeys(ApiKeys keys, @Nullable Observed observed) {
        return observed == null ? keys : new ObservedApiKeys(keys, observed);
    }

    /** {@code changeRole} as {@code change_role}: the style of metric tags. */
    static String snakeCase(String camelCase) {
        var out = new StringBuilder(camelCase.length() + 4);
        for (int i = 0; i < camelCase.length(); i++) {
            char c = camelCase.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
