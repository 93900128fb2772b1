package io.legnext.jdbc;

import io.legnext.core.secret.Redactor;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Says in words what a database failure was, for messages people read: the class of its SQL state, and the
 * database's own first line with class names, URLs' credentials and password settings taken out.
 */
final class SqlFailures {

    /** A class name as driver messages embed them, {@code java.net.ConnectException: } or {@code FooException}. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:\\b[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b(?::\\s*)?|\\b[A-Z][\\w$]*(?:Exception|Error)\\b(?::\\s*)?");
    /** A password in a connection string or a setting: {@code password=...} up to the next separator. */
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password\\s*[=:]\\s*)[^\\s&;,)]+");

    private SqlFailures() {}

    /** A failure of {@code attempted} ("save item 'a' of batch 'b'"), as the exception hosts see. */
    static JdbcStoreException of(String attempted, SQLException e) {
        return new JdbcStoreException("Could not " + attempted + " in PostgreSQL: " + describe(e) + ".", e);
    }

    /** What went wrong, as a clause: the kind of failure, the database's words, and the SQL state. */
    static String describe(SQLException e) {
        String state = e.getSQLState();
        String kind = kind(state);
        String words = words(e);
        StringBuilder b = new StringBuilder(kind);
        if (!words.isEmpty()) {
            b.append(" (").append(words).append(')');
        }
        if (state != null) {
            b.append(", SQL state ").append(state);
        }
        return b.toString();
    }

    private static String kind(String state) {
        if (state == null || state.length() < 2) {
            return "the database driver failed";
        }
        return switch (state.substring(0, 2)) {
            case "08" ->
                "the database could not be reached or the connection was lost; check that it runs and that"
                        + " the host's DataSource points at it";
            case "28" -> "the database refused the credentials of the host's DataSource";
            case "3D" -> "the database named in the host's DataSource does not exist";
            case "42" ->
                state.equals("42501")
                        ? "the database user lacks a privilege it needs (create, select, insert, update on legnext's"
                                + " tables)"
                        : "the database refused a statement (are legnext's tables as it created them?)";
            case "25" ->
                "the connection is read-only or in a failed transaction (a replica, or"
                        + " default_transaction_read_only)";
            case "40" -> "the database rolled the transaction back (a deadlock or a serialization failure); try again";
            case "53" -> "the database is out of resources (disk, memory or connections)";
            case "57" -> "the database is shutting down or cancelled the statement";
            case "23" -> "a row broke a constraint of legnext's tables";
            default -> "the database answered with an error";
        };
    }

    /** The database's own first line, without class names or secrets; empty when it says nothing useful. */
    private static String words(SQLException e) {
        String message = e.getMessage();
        if (message == null) {
            return "";
        }
        String first = message.lines().findFirst().orElse("").strip();
        first = CLASS_NAME.matcher(first).replaceAll("");
        first = PASSWORD.matcher(first).replaceAll("$1" + Redactor.MASK);
        first = Redactor.URL_CREDENTIALS.redact(first);
        first = first.replaceFirst("^(?:ERROR|FATAL|PANIC):\\s*", "").strip();
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }
}
