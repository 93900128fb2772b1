package io.legnext.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.app.json.JobJson;
import io.legnext.mock.LegnextMockServer;
import java.io.IOException;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code legnext mock-server}: the fake service over HTTP, for tests in any language and CI pipelines. */
@Command(
        name = "mock-server",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {
            "Serve the fake Legnext over HTTP at the real API's paths and shapes," + " until Ctrl-C.",
            "Prints the URL and the key on stdout (with --json, one object). Every /api/... request needs the key in"
                    + " x-api-key. Scripted faults, the balance and seeded jobs over HTTP under /__admin/ (see the"
                    + " README). Jobs live in memory and run in accelerated time; callbacks are POSTed to this"
                    + " machine only unless --callbacks-anywhere. Needs no API key of the real service; sends"
                    + " nothing to it."
        })
final class MockServerCommand extends CliCommand {

    @Option(
            names = "--port",
            paramLabel = "N",
            defaultValue = "0",
            description = "The port (default ${DEFAULT-VALUE}: a free one, printed).")
    int port;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String bind;

    @Option(
            names = "--speed",
            paramLabel = "S",
            defaultValue = "100",
            description = "How much faster than real time jobs run, 1 to 10000 (default ${DEFAULT-VALUE}: a 3-5 minute"
                    + " job takes 2-3 seconds).")
    double speed;

    @Option(
            names = "--key",
            paramLabel = "K",
            description = "The key clients must send (default: a random one, printed). A given key is never printed.")
    String key;

    @Option(
            names = "--webhook-secret",
            paramLabel = "S",
            description = "Sign callbacks with this secret (or LEGNEXT_WEBHOOK_SECRET); unsigned when unset.")
    String webhookSecret;

    @Option(
            names = "--callbacks-anywhere",
            description = "POST callbacks to any host, not only to this machine (localhost, 127.x.x.x, [::1]).")
    boolean callbacksAnywhere;

    @Override
    int execute() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CliUsageException("'--port' must be between 0 and 65535, was " + port);
        }
        if (!(speed >= 1 && speed <= LegnextMockServer.MAX_SPEED)) {
            throw new CliUsageException(
                    "'--speed' must be between 1 and " + (long) LegnextMockServer.MAX_SPEED + ", was " + speed);
        }
        if (key != null) {
            root().alsoRedact(key);
        }
        Optional<String> secret = Optional.ofNullable(webhookSecret)
                .or(() -> Optional.ofNullable(root().context().env().get(Settings.WEBHOOK_SECRET_ENV)))
                .filter(s -> !s.isBlank());
        secret.ifPresent(root()::alsoRedact);
        LegnextMockServer.Builder builder = LegnextMockServer.builder()
                .speed(speed)
                .callbacksAnywhere(callbacksAnywhere)
                .webhookSecret(secret.orElse(null))
                .logger(new NoticeLogger(
                        line -> output().notice(line),
                        root().options().verbose ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING));
        try {
            builder.port(port).bind(bind);
            if (key != null) {
                builder.key(key);
            }
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(e.getMessage()
                    .replace("'key'", "'--key'")
                    .replace("'port'", "'--port'")
                    .replace("'bind'", "'--bind'"));
        }
        LegnextMockServer server;
        try {
            server = builder.start();
        } catch (IllegalArgumentException e) {
            throw new CliUsageException(e.getMessage().replace("'bind'", "'--bind'"));
        } catch (BindException e) {
            throw cannotBind(e);
        } catch (IOException e) {
            throw new CliStateException("Cannot listen on " + bind + ":" + port + ": the system refused to open a"
                    + " listening socket there. Choose another --port or --bind address.");
        }
        CompletableFuture<Void> stop = root().context().stop();
        List<Runnable> restore = onInterrupt(stop);
        try (server) {
            announce(server, secret.isPresent());
            root().context().onListening().accept(server.address());
            try {
                stop.get();
            } catch (ExecutionException e) {
                // A failed stop signal stops all the same.
            }
        } finally {
            restore.forEach(Runnable::run);
        }
        output().notice("legnext: mock server stopped.");
        return ExitCodes.OK;
    }

    private void announce(LegnextMockServer server, boolean signed) {
        String url = server.url().toString();
        if (output().json()) {
            ObjectNode o = JobJson.MAPPER.createObjectNode();
            o.put("url", url);
            if (key == null) {
                o.put("key", server.key());
            } else {
                o.putNull("key");
            }
            o.put("keyGiven", key != null);
            o.put("admin", url + "/__admin/");
            output().printJson(o);
        } else {
            output().result("url " + url);
            output().result("key " + (key == null ? server.key() : "(the one given with --key)"));
        }
        output().notice("legnext: mock Legnext listening on " + url + " (the fake service at " + formatSpeed()
                + "x real time, callbacks " + (signed ? "signed" : "unsigned") + ", to "
                + (callbacksAnywhere ? "any host" : "this machine only") + "); admin API at " + url
                + "/__admin/; Ctrl-C to stop.");
    }

    private String formatSpeed() {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }

    /**
     * Makes SIGINT (Ctrl-C) and SIGTERM stop the server instead of the JVM, so that it closes its server and exits
     * 0; answers how to put the previous handlers back. Where the JVM does not offer them, the shutdown hook's stop
     * signal still closes the server.
     */
    private static List<Runnable> onInterrupt(CompletableFuture<Void> stop) {
        List<Runnable> restore = new ArrayList<>();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> stop.complete(null));
                restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // This platform has no such signal, or it is reserved: the default handling stays.
            }
        }
        return restore;
    }

    /** Says in words why the address could not be bound. */
    private RuntimeException cannotBind(BindException e) {
        String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (why.contains("assign")) {
            return new CliUsageException("'--bind' must be an address of this machine, was '" + bind + "'. Leave it"
                    + " out for this machine only (127.0.0.1), or use 0.0.0.0 for all of its addresses.");
        }
        if (why.contains("permission") || why.contains("access")) {
            return new CliStateException("Cannot listen on " + bind + ":" + port + ": this user may not listen on"
                    + " that port (ports below 1024 need administrator rights). Choose another --port.");
        }
        return new CliStateException("Cannot listen on " + bind + ":" + port + ": the port is already in use by"
                + " another program. Choose another --port.");
    }
}
