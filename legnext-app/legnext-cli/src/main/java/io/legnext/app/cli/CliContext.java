package io.legnext.app.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Everything the command line takes from its surroundings, injected so that commands run in-process in tests:
 * environment variables, the two output streams, whether stderr is a terminal, the home directory, how services
 * are opened, and how a server is told to stop.
 *
 * @param env the environment variables
 * @param out standard output: results only
 * @param err standard error: notices, progress, errors
 * @param stderrIsTerminal whether progress displays belong on stderr
 * @param userHome the directory {@code ~/.legnext} is resolved in
 * @param services opens the adapter, journal and download source for a command
 * @param onListening told the address once {@code webhook serve} listens
 * @param stop completes when {@code webhook serve} should stop (Ctrl-C in a real process)
 * @param inFlight the submits and waits under way right now, for the interrupt notice
 * @param in standard input, for a confirmation (y/N)
 * @param stdinIsTerminal whether standard input is a terminal: a question may then be asked
 */
public record CliContext(
        Map<String, String> env,
        PrintWriter out,
        PrintWriter err,
        boolean stderrIsTerminal,
        Path userHome,
        CliServices.Factory services,
        Consumer<InetSocketAddress> onListening,
        CompletableFuture<Void> stop,
        InFlight inFlight,
        BufferedReader in,
        boolean stdinIsTerminal) {

    public CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(services, "services");
        onListening = Objects.requireNonNullElse(onListening, a -> {});
        stop = Objects.requireNonNullElseGet(stop, CompletableFuture::new);
        inFlight = Objects.requireNonNullElseGet(inFlight, InFlight::new);
        in = Objects.requireNonNullElseGet(in, () -> new BufferedReader(new StringReader("")));
    }

    /** A context reading nothing from standard input, which is not a terminal. */
    public CliContext(
            Map<String, String> env,
            PrintWriter out,
            PrintWriter err,
            boolean stderrIsTerminal,
            Path userHome,
            CliServices.Factory services,
            Consumer<InetSocketAddress> onListening,
            CompletableFuture<Void> stop,
            InFlight inFlight) {
        this(env, out, err, stderrIsTerminal, userHome, services, onListening, stop, inFlight, null, false);
    }

    /** Whether a question may be asked: standard input and standard error are both terminals. */
    public boolean interactive() {
        return stdinIsTerminal && stderrIsTerminal;
    }

    /** The same context reading standard input from {@code value}, a terminal or not. */
    public CliContext withStdin(BufferedReader value, boolean terminal) {
        return new CliContext(
                env, out, err, stderrIsTerminal, userHome, services, onListening, stop, inFlight, value, terminal);
    }

    /** A context with the default services factory, no listener and a stop signal that never fires. */
    public static CliContext of(
            Map<String, String> env, PrintWriter out, PrintWriter err, boolean stderrIsTerminal, Path userHome) {
        return new CliContext(env, out, err, stderrIsTerminal, userHome, CliServices::create, null, null, null);
    }

    /** The same context printing to these streams. */
    public CliContext withStreams(PrintWriter newOut, PrintWriter newErr) {
        return new CliContext(
                env,
                newOut,
                newErr,
                stderrIsTerminal,
                userHome,
                services,
                onListening,
                stop,
                inFlight,
                in,
                stdinIsTerminal);
    }

    /** The same context opening services with {@code value}. */
    public CliContext withServices(CliServices.Factory value) {
        return new CliContext(
                env, out, err, stderrIsTerminal, userHome, value, onListening, stop, inFlight, in, stdinIsTerminal);
    }

    /** The same context telling {@code value} where {@code webhook serve} listens, and stopping it on {@code stopSignal}. */
    public CliContext withServer(Consumer<InetSocketAddress> value, CompletableFuture<Void> stopSignal) {
        return new CliContext(
                env, out, err, stderrIsTerminal, userHome, services, value, stopSignal, inFlight, in, stdinIsTerminal);
    }

    /**
     * Never shows a secret: of the environment, only legnext's own variables appear, and the key and the webhook
     * secret only as set or not.
     */
    @Override
    public String toString() {
        return "CliContext[env=" + describe(env) + ", stderrIsTerminal=" + stderrIsTerminal + ", stdinIsTerminal="
                + stdinIsTerminal + ", userHome=" + userHome
                + ", " + inFlight + "]";
    }

    private static String describe(Map<String, String> env) {
        Map<String, String> shown = new TreeMap<>();
        int others = 0;
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("LEGNEXT_")) {
                others++;
            } else if (name.equals(Settings.API_KEY_ENV)
                    || name.equals(Settings.WEBHOOK_SECRET_ENV)
                    || name.matches("(?i).*(KEY|SECRET|TOKEN|PASSWORD).*")) {
                shown.put(name, e.getValue() == null || e.getValue().isBlank() ? "(blank)" : "(set)");
            } else {
                shown.put(name, e.getValue());
            }
        }
        return shown + (others == 0 ? "" : " and " + others + " other variable" + (others == 1 ? "" : "s"));
    }
}
