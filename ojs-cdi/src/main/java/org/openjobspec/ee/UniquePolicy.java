package org.openjobspec.ee;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Deduplication: a job whose fingerprint matches a live job is rejected, ignored (the existing job is
 * returned) or replaces it. Immutable.
 *
 * <pre>{@code UniquePolicy.by(Key.TYPE, Key.ARGS).period(Duration.ofMinutes(10)).onConflict(OnConflict.IGNORE)}</pre>
 */
public final class UniquePolicy {

    /** Parts of the job that make up the fingerprint. */
    public enum Key {
        TYPE, QUEUE, ARGS, META
    }

    /** What to do when a matching job exists. */
    public enum OnConflict {
        /** Fail with {@link org.openjobspec.ee.error.OjsDuplicateException}. */
        REJECT,
        /** Return the existing job instead of creating one. */
        IGNORE,
        /** Cancel the existing job and create the new one. */
        REPLACE
    }

    private final List<Key> keys;
    private final Duration period;
    private final OnConflict onConflict;
    private final List<String> states;

    private UniquePolicy(List<Key> keys, Duration period, OnConflict onConflict, List<String> states) {
        this.keys = keys;
        this.period = period;
        this.onConflict = onConflict;
        this.states = states;
    }

    /** Fingerprint from the given parts (at least one). */
    public static UniquePolicy by(Key... keys) {
        return new UniquePolicy(List.of(Objects.requireNonNull(keys, "keys")), null, null, null);
    }

    /** The server's default fingerprint (type and queue on reference servers). */
    public static UniquePolicy defaults() {
        return new UniquePolicy(null, null, null, null);
    }

    /** How long uniqueness holds, counted from the first job's creation. */
    public UniquePolicy period(Duration value) {
        return new UniquePolicy(keys, value, onConflict, states);
    }

    public UniquePolicy onConflict(OnConflict value) {
        return new UniquePolicy(keys, period, value, states);
    }

    /** States in which an existing job counts as a conflict (default: every non-terminal state). */
    public UniquePolicy states(String... value) {
        return new UniquePolicy(keys, period, onConflict, List.of(Objects.requireNonNull(value, "states")));
    }

    public List<Key> keys() {
        return keys;
    }

    public Duration period() {
        return period;
    }

    public OnConflict onConflict() {
        return onConflict;
    }

    public List<String> states() {
        return states;
    }
}
