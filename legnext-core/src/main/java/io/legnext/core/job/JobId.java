package io.legnext.core.job;

import io.legnext.core.error.InvalidRequestException;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one job of the service: a UUID.
 *
 * @param value the UUID
 */
public record JobId(UUID value) {

    /** What a job id looks like, for messages. */
    private static final String SHAPE = "a UUID such as 8201cd3e-1234-4d5e-9f00-0123456789ab";

    public JobId {
        if (value == null) {
            throw new InvalidRequestException("jobId", "a UUID", null);
        }
    }

    /**
     * Parses a job id, naming the field {@code jobId} when it is not a UUID.
     *
     * @param text the id as text, e.g. {@code 8201cd3e-1234-4d5e-9f00-0123456789ab}
     * @return the job id
     */
    public static JobId parse(String text) {
        return parse("jobId", text);
    }

    /**
     * Parses a job id, naming the given field when it is not a UUID. Whitespace around the id is refused, not
     * trimmed.
     *
     * @param field the argument name to report, e.g. {@code --job}
     * @param text the id as text
     * @return the job id
     */
    public static JobId parse(String field, String text) {
        Objects.requireNonNull(field, "field");
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, SHAPE, text);
        }
        // Refused rather than trimmed: an id with a space or a newline around it was mangled on its way here (a
        // copy from a terminal, a CSV cell), and a silent trim would hide where else the mangling went.
        if (isSpace(text.charAt(0)) || isSpace(text.charAt(text.length() - 1))) {
            throw new InvalidRequestException(field, SHAPE + ", with no spaces or line breaks around it", text);
        }
        // UUID.fromString accepts short groups like "1-2-3-4-5"; the service only issues the canonical 8-4-4-4-12 form.
        if (!isCanonical(text)) {
            throw new InvalidRequestException(field, SHAPE, text);
        }
        return new JobId(UUID.fromString(text));
    }

    /**
     * The 8-4-4-4-12 hex form. Checked by hand rather than with a regular expression: every task read from the
     * service passes through here, and the regex was a measurable part of a lookup's CPU.
     */
    private static boolean isCanonical(String s) {
        if (s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Any kind of space or line break, the no-break and typographic spaces included. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** A fresh random id, as the service would issue. */
    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    /** The canonical lower-case form the service uses. */
    @Override
    public String toString() {
        return value.toString();
    }
}
