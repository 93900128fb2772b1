package io.legnext.app.webhook;

/** The HTTP grammar checks and the quoting of client text in messages, shared by the parser and the answers. */
final class HttpSyntax {

    private HttpSyntax() {}

    /** Whether {@code s} is an HTTP token: a method or a header name. */
    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch > 32 && ch < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(ch) < 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Client text fit for a message: unprintable characters replaced, at most 60 characters. */
    static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 57) + "..." : printable;
    }
}
