package dev.orgkit.tck.internal;

import static dev.orgkit.tck.internal.Hostile.Leeway.MAY_ACCEPT;
import static dev.orgkit.tck.internal.Hostile.Leeway.MAY_READ;
import static dev.orgkit.tck.internal.Hostile.Leeway.REFUSE;

import dev.orgkit.tck.internal.Hostile.Leeway;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * The hostile values of a parameter's type: null; for text, blanks, 10,000 characters, control
 * characters, header injection, broken UTF-16, and text that is unusual but legitimate (SQL
 * metacharacters, an emoji, a right-to-left override, malformed email addresses); extremes of
 * numbers, durations, instants and dates; empty, null-holding and huge collections; and, for a
 * record, every hostile value of every component, built through its public canonical constructor.
 * Domain types (principals, ids) come from the caller, who knows the world they are aimed at.
 *
 * <p>A type it does not know makes {@link #of} throw {@link NoHostileValues}, so that new API is
 * noticed rather than skipped.
 */
public final class HostileValues {
    /** Text parameters whose unusual-but-legitimate values are still wrong: they must be refused. */
    private static final Pattern STRICT_TEXT = Pattern.compile("(?i).*(email|token|secret|cursor).*|typed.*");
    private static final int HUGE = 10_000;
    private static final int MAX_DEPTH = 3;

    private final Map<Class<?>, Function<@Nullable Object, List<Hostile>>> domain;

    /**
     * A generator with hostile values for domain types: given a parameter's valid value, the
     * hostile ones (null is added here).
     */
    public HostileValues(Map<Class<?>, Function<@Nullable Object, List<Hostile>>> domain) {
        this.domain = Map.copyOf(domain);
    }

    /** Thrown for a type that has no hostile values yet: add a generator for it. */
    public static final class NoHostileValues extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoHostileValues(Type type) {
            super("no hostile values for " + type.getTypeName());
        }
    }

    /** Thrown when building a hostile value (a record with one hostile component) throws. */
    public static final class BuildFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildFailure(String what, Throwable cause) {
            super(what + " threw " + cause, cause);
        }
    }

    /**
     * The hostile values of a parameter or record component.
     *
     * @param type its generic type
     * @param name its name, which tells text that must be exact (emails, tokens) from free text
     * @param valid its valid value (the baseline the hostile values replace); records need it
     * @param nullable whether null is documented as accepted
     * @throws NoHostileValues if the type, or a type inside it, has no generator
     */
    public List<Hostile> of(Type type, String name, @Nullable Object valid, boolean nullable) {
        return of(type, name, valid, nullable, 0);
    }

    private List<Hostile> of(Type type, String name, @Nullable Object valid, boolean nullable, int depth) {
        Class<?> raw = raw(type);
        List<Hostile> values = new ArrayList<>();
        if (!raw.isPrimitive()) {
            values.add(Hostile.of("null", null, nullable ? MAY_READ : REFUSE));
        }
        Function<@Nullable Object, List<Hostile>> custom = domain.get(raw);
        if (custom != null) {
            values.addAll(custom.apply(valid));
        } else if (raw == String.class) {
            values.addAll(texts(name));
        } else if (raw == int.class || raw == Integer.class) {
            values.add(Hostile.of("Integer.MIN_VALUE", Integer.MIN_VALUE, REFUSE));
            values.add(Hostile.of("-1", -1, REFUSE));
            values.add(Hostile.of("0", 0, MAY_ACCEPT));
            values.add(Hostile.of("Integer.MAX_VALUE", Integer.MAX_VALUE, REFUSE));
        } else if (raw == long.class || raw == Long.class) {
            values.add(Hostile.of("Long.MIN_VALUE", Long.MIN_VALUE, REFUSE));
            values.add(Hostile.of("-1", -1L, REFUSE));
            values.add(Hostile.of("0", 0L, MAY_ACCEPT));
            values.add(Hostile.of("Long.MAX_VALUE", Long.MAX_VALUE, REFUSE));
        } else if (raw == OptionalLong.class) {
            values.add(Hostile.of("OptionalLong.of(Long.MIN_VALUE)", OptionalLong.of(Long.MIN_VALUE), REFUSE));
            values.add(Hostile.of("OptionalLong.of(-1)", OptionalLong.of(-1), REFUSE));
            values.add(Hostile.of("OptionalLong.of(0)", OptionalLong.of(0), MAY_ACCEPT));
            values.add(Hostile.of("OptionalLong.of(Long.MAX_VALUE)", OptionalLong.of(Long.MAX_VALUE), REFUSE));
            values.add(Hostile.of("OptionalLong.empty()", OptionalLong.empty(), MAY_ACCEPT));
        } else if (raw == OptionalInt.class) {
            values.add(Hostile.of("OptionalInt.of(Integer.MIN_VALUE)", OptionalInt.of(Integer.MIN_VALUE), REFUSE));
            values.add(Hostile.of("OptionalInt.of(-1)", OptionalInt.of(-1), REFUSE));
            values.add(Hostile.of("OptionalInt.of(0)", OptionalInt.of(0), MAY_ACCEPT));
            values.add(Hostile.of("OptionalInt.of(Integer.MAX_VALUE)", OptionalInt.of(Integer.MAX_VALUE), REFUSE));
            values.add(Hostile.of("OptionalInt.empty()", OptionalInt.empty(), MAY_ACCEPT));
        } else if (raw == boolean.class || raw == Boolean.class || raw.isEnum() || raw == InetAddress.class) {
            // every value is legitimate; null (above) is the only hostile one
        } else if (raw == Duration.class) {
            values.add(Hostile.of("-1 second", Duration.ofSeconds(-1), REFUSE));
            values.add(Hostile.of("Duration.ZERO", Duration.ZERO, MAY_ACCEPT));
            values.add(Hostile.of("Long.MAX_VALUE seconds", Duration.ofSeconds(Long.MAX_VALUE), REFUSE));
        } else if (raw == Instant.class) {
            values.add(Hostile.of("Instant.MIN", Instant.MIN, MAY_READ));
            values.add(Hostile.of("Instant.MAX", Instant.MAX, MAY_READ));
        } else if (raw == LocalDate.class) {
            values.add(Hostile.of("LocalDate.MIN", LocalDate.MIN, REFUSE));
            values.add(Hostile.of("LocalDate.MAX", LocalDate.MAX, REFUSE));
        } else if (raw == YearMonth.class) {
            values.add(Hostile.of("year " + Year.MIN_VALUE, YearMonth.of(Year.MIN_VALUE, 1), MAY_READ));
            values.add(Hostile.of("0001-01", YearMonth.of(1, 1), MAY_READ));
            values.add(Hostile.of("9999-12", YearMonth.of(9999, 12), REFUSE));
            values.add(Hostile.of("year " + Year.MAX_VALUE, YearMonth.of(Year.MAX_VALUE, 12), REFUSE));
        } else if (raw == Optional.class) {
            values.addAll(optionals(type, name, (Optional<?>) valid, depth));
        } else if (Collection.class.isAssignableFrom(raw) && (raw == Set.class || raw == List.class)) {
            values.addAll(collections(type, raw == Set.class, name, (Collection<?>) valid, depth));
        } else if (raw.isRecord()) {
            values.addAll(records(raw, valid, depth));
        } else {
            throw new NoHostileValues(type);
        }
        return values;
    }

    /** Text: what must always be refused, and what is refused where text must be exact. */
    private static List<Hostile> texts(String name) {
        Leeway unusual = STRICT_TEXT.matcher(name).matches() ? REFUSE : MAY_ACCEPT;
        return List.of(
                Hostile.of("\"\"", "", REFUSE),
                Hostile.of("blank", "   ", REFUSE),
                Hostile.of("tab and line break", " \t\n ", REFUSE),
                Hostile.of("10,000 characters", "x".repeat(HUGE), REFUSE),
                Hostile.of("NUL", "Ac\u0000me", REFUSE),
                Hostile.of("bell", "Ac\u0007me", REFUSE),
                Hostile.of("CRLF header injection", "x\r\nBcc: eve@example.com", REFUSE),
                Hostile.of("lone high surrogate", "Ac\uD800me", REFUSE),
                Hostile.of("lone low surrogate", "Ac\uDC00me", REFUSE),
                Hostile.of("SQL", "'; DROP TABLE x;--", unusual),
                Hostile.of("%00", "%00", unusual),
                Hostile.of("right-to-left override", "Acme\u202Egnp.exe", unusual),
                Hostile.of("emoji", "\uD83D\uDE80 Acme", unusual),
                Hostile.of("bob@", "bob@", unusual),
                Hostile.of("@example.com", "@example.com", unusual),
                Hostile.of("bob@@example.com", "bob@@example.com", unusual),
                Hostile.of("bob@example..com", "bob@example..com", unusual));
    }

    private List<Hostile> optionals(Type type, String name, @Nullable Optional<?> valid, int depth) {
        List<Hostile> values = new ArrayList<>();
        if (valid != null && valid.isPresent()) {
            values.add(Hostile.of("Optional.empty()", Optional.empty(), MAY_ACCEPT));
        }
        if (depth >= MAX_DEPTH) {
            return values;
        }
        Type element = argument(type, 0);
        for (Hostile inner : of(element, name, valid == null ? null : valid.orElse(null), false, depth + 1)) {
            if (!inner.label().equals("null")) {
                values.add(new Hostile("Optional.of(" + inner.label() + ")",
                        () -> Optional.of(inner.value().get()), inner.leeway()));
            }
        }
        return values;
    }

    private List<Hostile> collections(Type type, boolean set, String name, @Nullable Collection<?> valid, int depth) {
        List<Hostile> values = new ArrayList<>();
        List<Object> kept = valid == null ? List.of() : List.copyOf(valid);
        Type element = argument(type, 0);
        if (!kept.isEmpty()) {
            values.add(Hostile.of("empty", set ? Set.of() : List.of(), MAY_ACCEPT));
        }
        values.add(new Hostile("with a null element", () -> plus(set, kept, null), REFUSE));
        Class<?> raw = raw(element);
        if (raw == Integer.class || raw == String.class) {
            List<Object> huge = IntStream.rangeClosed(1, HUGE)
                    .mapToObj(i -> raw == Integer.class ? (Object) i : (Object) ("s" + i)).toList();
            values.add(Hostile.of(HUGE + " elements", set ? new HashSet<>(huge) : huge, MAY_READ));
        }
        if (depth >= MAX_DEPTH) {
            return values;
        }
        for (Hostile inner : of(element, name, kept.isEmpty() ? null : kept.get(0), false, depth + 1)) {
            if (!inner.label().equals("null")) {
                values.add(new Hostile("with element " + inner.label(),
                        () -> plus(set, kept, inner.value().get()), inner.leeway()));
            }
        }
        return values;
    }

    private static Collection<@Nullable Object> plus(boolean set, List<Object> kept, @Nullable Object extra) {
        Collection<@Nullable Object> copy = set ? new HashSet<>(kept) : new ArrayList<>(kept);
        copy.add(extra);
        return copy;
    }

    /** A record: every hostile value of every component, the others kept from the valid record. */
    private List<Hostile> records(Class<?> type, @Nullable Object valid, int depth) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
        if (valid == null || depth >= MAX_DEPTH || !Modifier.isPublic(canonical.getModifiers())) {
            return List.of();
        }
        Object[] kept = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                kept[i] = components[i].getAccessor().invoke(valid);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
        }
        List<Hostile> values = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            int index = i;
            for (Hostile inner : of(component.getGenericType(), component.getName(), kept[i],
                    nullable(component.getAnnotatedType()), depth + 1)) {
                String label = type.getSimpleName() + "." + component.getName() + " = " + inner.label();
                values.add(new Hostile(label, () -> {
                    Object[] args = kept.clone();
                    args[index] = inner.value().get();
                    try {
                        return canonical.newInstance(args);
                    } catch (InvocationTargetException e) {
                        throw new BuildFailure("new " + label, e.getCause());
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }, inner.leeway()));
            }
        }
        return values;
    }

    /** Whether a parameter's or component's type is marked {@code @Nullable} (JSpecify). */
    public static boolean nullable(AnnotatedElement annotatedType) {
        return annotatedType.isAnnotationPresent(Nullable.class);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new NoHostileValues(type);
    }

    private static Type argument(Type type, int index) {
        if (type instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[index];
            return argument instanceof java.lang.reflect.WildcardType w ? w.getUpperBounds()[0] : argument;
        }
        throw new NoHostileValues(type);
    }
}
