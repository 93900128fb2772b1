package io.legnext.core.job;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a job stands; keeps values legnext does not know and treats them as not terminal.
 *
 * @param state the recognised state, or {@link State#UNKNOWN}
 * @param wireName the value as the service sent it; for known states, the lower-case spelling
 */
public record JobStatus(State state, String wireName) {

    /** State.values() copies its array on every call; the lookups below run for every task read. */
    private static final State[] STATES = State.values();

    /** The states legnext recognises, in the order a job passes them. */
    public enum State {
        PENDING,
        STAGED,
        PROCESSING,
        COMPLETED,
        FAILED,
        /** A value legnext does not know: not terminal, so waiting goes on. */
        UNKNOWN;

        private final String wireName = name().toLowerCase(Locale.ROOT);

        /** The spelling the service uses. */
        public String wireName() {
            return wireName;
        }
    }

    public static final JobStatus PENDING = of(State.PENDING);
    public static final JobStatus STAGED = of(State.STAGED);
    public static final JobStatus PROCESSING = of(State.PROCESSING);
    public static final JobStatus COMPLETED = of(State.COMPLETED);
    public static final JobStatus FAILED = of(State.FAILED);

    public JobStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(wireName, "wireName");
    }

    /** Recognises a status as the service spells it, keeping unknown values. */
    public static JobStatus of(String wireName) {
        String raw = wireName == null ? "" : wireName;
        // The service's own spelling first, as on nearly every task: no normalising copy needed.
        State known = known(raw);
        if (known == null) {
            known = known(raw.strip().toLowerCase(Locale.ROOT));
        }
        return known == null ? new JobStatus(State.UNKNOWN, raw) : of(known);
    }

    /** The known state spelt exactly {@code spelling}, or null. */
    private static State known(String spelling) {
        for (State s : STATES) {
            if (s != State.UNKNOWN && s.wireName().equals(spelling)) {
                return s;
            }
        }
        return null;
    }

    /** The status of a known state. */
    public static JobStatus of(State state) {
        if (state == State.UNKNOWN) {
            throw new IllegalArgumentException("an unknown status needs its wire name");
        }
        return new JobStatus(state, state.wireName());
    }

    /** Completed or failed: the job will not change any more. */
    public boolean isTerminal() {
        return state == State.COMPLETED || state == State.FAILED;
    }

    @Override
    public String toString() {
        return state == State.UNKNOWN ? wireName : state.wireName();
    }
}
