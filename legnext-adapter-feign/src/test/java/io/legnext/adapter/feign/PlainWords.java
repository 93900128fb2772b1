package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

/** Test helper: a message that users read describes what happened in words, naming no exception class. */
final class PlainWords {

    /** {@code ConnectException}, {@code IllegalArgumentException}, {@code java.util.UUID}, ... */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\bjava\\.[a-z]");

    private PlainWords() {}

    static void assertNoClassName(String message) {
        assertThat(message).as("a message users read").doesNotContainPattern(CLASS_NAME);
    }
}
