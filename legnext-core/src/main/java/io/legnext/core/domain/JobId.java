package io.legnext.core.domain;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Identifies one job of the service: a UUID.
 *
 * @param value the UUID
 */
public record JobId(UUID value) {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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
     * Parses a job id, naming the given field when it is not a UUID.
     *
     * @param field the argument name to report, e.g. {@code --job}
     * @param text the id as text
     * @return the job id
     */
    public static JobId parse(String field, String text) {
        Objects.requireNonNull(field, "field");
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(field, "a UUID such as 8201cd3e-1234-4d5e-9f00-0123456789ab", text);
        }
        String trimmed = text.strip();
        // UUID.fromString accepts short groups like "1-2-3-4-5"; the service only issues the canonical 8-4-4-4-12 form.
        if (!CANONICAL.matcher(trimmed).matches()) {
            throw new InvalidRequestException(field, "a UUID such as 8201cd3e-1234-4d5e-9f00-0123456789ab", text);
        }
        return new JobId(UUID.fromString(trimmed));
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
