package io.legnext.app;

import io.legnext.core.secret.Redactor;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Says in plain words what an I/O failure was, for messages people read: the JDK's own messages are often null
 * (a refused connection) or name its classes, and neither belongs in front of a user.
 */
public final class IoFailures {

    /** A class name as JDK messages embed them, {@code sun.security.x.FooException: } or {@code FooException}. */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "(?:\\b[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?::\\s*)?|\\b[A-Z][\\w$]*(?:Exception|Error)\\b(?::\\s*)?");

    private static final Pattern SHORT_BODY = Pattern.compile("fixed content-length: (\\d+), bytes received: (\\d+)");
    private static final Pattern FATAL_ALERT = Pattern.compile("Received fatal alert: (\\w+)");

    private IoFailures() {}

    /**
     * What went wrong talking to {@code url}'s server, as a clause: "the connection to cdn.example:443 was refused",
     * "the host name cdn.example could not be resolved (host not found)".
     */
    public static String network(Throwable failure, URI url) {
        String host = url.getHost() == null ? "the server" : url.getHost();
        String hostPort = host + ":" + port(url);
        List<Throwable> chain = chain(failure);
        if (has(chain, HttpConnectTimeoutException.class)) {
            return "connecting to " + hostPort + " timed out";
        }
        if (has(chain, HttpTimeoutException.class)) {
            return hostPort + " did not answer in time (request timeout)";
        }
        if (has(chain, UnresolvedAddressException.class) || has(chain, UnknownHostException.class)) {
            return "the host name " + host + " could not be resolved (host not found)";
        }
        SSLException tls = first(chain, SSLException.class);
        if (tls != null) {
            return "the secure (TLS) connection to " + hostPort + " failed: " + tls(tls.getMessage());
        }
        if (has(chain, NoRouteToHostException.class)) {
            return "there is no network route to " + hostPort;
        }
        String messages = messages(chain).toLowerCase(Locale.ROOT);
        if (has(chain, ConnectException.class)) {
            if (messages.contains("timed out")) {
                return "connecting to " + hostPort + " timed out";
            }
            // The JDK's client reports a refusal as a ConnectException without any message at all.
            if (messages.isEmpty() || messages.contains("refused") || has(chain, ClosedChannelException.class)) {
                return "the connection to " + hostPort + " was refused (nothing accepts connections there)";
            }
            return "could not connect to " + hostPort + ": " + words(first(chain), "the connection failed");
        }
        Matcher shortBody = SHORT_BODY.matcher(messages);
        if (shortBody.find()) {
            return hostPort + " closed the connection after " + shortBody.group(2) + " of the " + shortBody.group(1)
                    + " bytes it announced";
        }
        if (messages.contains("connection reset")) {
            return "the connection to " + hostPort + " was reset";
        }
        if (has(chain, IllegalArgumentException.class) || has(chain, ProtocolException.class)) {
            return hostPort + " sent a malformed response";
        }
        if (has(chain, EOFException.class) || messages.contains("received no bytes")) {
            return hostPort + " closed the connection before the answer was complete";
        }
        if (has(chain, SocketException.class) && messages.contains("closed")) {
            return "the connection to " + hostPort + " was closed";
        }
        return words(first(chain), "the exchange with " + hostPort + " failed");
    }

    /** Why a local file operation failed, as a clause: "permission denied", "the disk is full". */
    public static String local(Throwable failure) {
        if (failure instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (failure instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (failure instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (failure instanceof SecurityException) {
            return "not permitted (a security policy forbids it)";
        }
        if (failure instanceof UnsupportedOperationException) {
            return "not supported by this file system";
        }
        String reason = failure instanceof FileSystemException fs ? fs.getReason() : failure.getMessage();
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.contains("read-only file system")) {
            return "the file system is read-only";
        }
        if (r.contains("no space left")) {
            return "the disk is full (no space left on the device)";
        }
        if (r.contains("quota")) {
            return "the disk quota is exceeded";
        }
        if (r.contains("permission denied") || r.contains("operation not permitted")) {
            return "permission denied";
        }
        if (r.contains("not a directory")) {
            return "a part of the path is a file, not a directory";
        }
        if (r.contains("too many open files")) {
            return "too many files are open";
        }
        if (failure instanceof FileSystemException) {
            return reason == null || reason.isBlank() ? "the file system refused" : words(reason, reason);
        }
        return words(failure, "an input/output error");
    }

    /**
     * Why {@code dir} could not be created or used as a directory, as a clause: "it exists and is a file, not a
     * directory", "/a/b is a file, not a directory", "permission denied".
     */
    public static String directory(Path dir, Throwable failure) {
        // The given spelling's own ancestors: a relative path is named relative, as it was typed.
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (Files.isDirectory(p)) {
                    break;
                }
                return (p.equals(dir) ? "it exists and" : p) + " is a file, not a directory";
            }
        }
        return local(failure);
    }

    /** A JDK message without class names (and URL credentials); {@code fallback} when nothing is left. */
    public static String words(Throwable failure, String fallback) {
        return words(failure == null ? null : failure.getMessage(), fallback);
    }

    private static String words(String message, String fallback) {
        if (message == null) {
            return fallback;
        }
        String s = CLASS_NAME.matcher(message).replaceAll("").strip();
        return s.isEmpty() ? fallback : Redactor.URL_CREDENTIALS.redact(s);
    }

    private static String tls(String message) {
        String m = message == null ? "" : message;
        if (m.contains("PKIX") || m.contains("certification path") || m.contains("unable to find valid")) {
            return "its certificate is not trusted (not signed by an authority this Java installation trusts)";
        }
        if (m.contains("subject alternative") || m.contains("doesn't match") || m.contains("does not match")) {
            return "its certificate is for another host name";
        }
        if (m.contains("expired") || m.contains("NotAfter")) {
            return "its certificate has expired";
        }
        if (m.contains("Unsupported or unrecognized SSL message")) {
            return "it does not speak TLS on that port (is it plain http?)";
        }
        if (m.contains("protocol_version") || m.contains("No appropriate protocol")) {
            return "it and this client have no TLS version in common";
        }
        Matcher alert = FATAL_ALERT.matcher(m);
        if (alert.find()) {
            return "it ended the handshake (" + alert.group(1).replace('_', ' ') + ")";
        }
        return "the handshake failed";
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** The failure and its causes, outermost first, without looping on a cycle. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < 20 && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return first(chain, type) != null;
    }

    private static <T extends Throwable> T first(List<Throwable> chain, Class<T> type) {
        for (Throwable t : chain) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The first failure of the chain with a message that says more than "closed". */
    private static Throwable first(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t.getMessage() != null
                    && !t.getMessage().isBlank()
                    && !t.getMessage().equals("closed")) {
                return t;
            }
        }
        return chain.isEmpty() ? null : chain.get(0);
    }

    private static String messages(List<Throwable> chain) {
        StringBuilder b = new StringBuilder();
        for (Throwable t : chain) {
            if (t.getMessage() != null) {
                b.append(t.getMessage()).append('\n');
            }
        }
        return b.toString().strip();
    }
}
