package io.legnext.app.cli;

import picocli.CommandLine;

/**
 * Reads whole-number options ({@code --video}, {@code --image}, {@code --port}) from the ASCII digits 0-9 only.
 *
 * <p>Java's own parsing also takes other scripts' digits ({@code ١} reads as 1), so a look-alike character in a
 * pasted command would choose a video, and send a paid request, that the user never typed.
 */
final class WholeNumberConverter implements CommandLine.ITypeConverter<Integer> {

    /** Longer runs of digits cannot be an int; they are reported as out of range, not parsed. */
    private static final int MAX_DIGITS = 10;

    @Override
    public Integer convert(String value) {
        String text = value == null ? "" : value;
        int start = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        boolean digits = text.length() > start;
        for (int i = start; i < text.length() && digits; i++) {
            char c = text.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (!digits) {
            throw new CommandLine.TypeConversionException(
                    "'" + text + "' is not a whole number written with the" + " digits 0-9");
        }
        try {
            if (text.length() - start > MAX_DIGITS) {
                throw new NumberFormatException();
            }
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is out of range for a whole number");
        }
    }
}
