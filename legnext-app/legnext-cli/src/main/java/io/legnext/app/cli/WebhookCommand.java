package io.legnext.app.cli;

import io.legnext.app.Legnext;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.app.json.JobJson;
import io.legnext.app.webhook.WebhookServer;
import io.legnext.core.job.Job;
import io.legnext.core.port.in.ReceiveCallbackUseCase;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code legnext webhook serve}: receives the service's callbacks. */
@Command(
        name = "webhook",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Receive the service's callbacks.",
        subcommands = WebhookCommand.Serve.class)
final class WebhookCommand extends CliCommand {

    @Override
    int execute() {
        throw new CliUsageException("say which: legnext webhook serve (see legnext webhook --help)");
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            versionProvider = VersionProvider.class,
            sortOptions = false,
            description = {
                "Listen for callbacks, verify them, print one line per accepted event"
                        + " (with --json, the job) until Ctrl-C.",
                "Answers 200 (also for duplicates), 401 for a bad signature or a stale timestamp, 400 or 413 for"
                        + " anything else. Drops a request whose head takes over 5 s or whose body takes over 10 s to"
                        + " arrive, and keeps at most 64 connections open (closing the oldest unanswered one), so slow"
                        + " clients cannot hold up deliveries. Opens no adapter: needs no key. Put it behind a tunnel"
                        + " or proxy to reach it from the internet."
            })
    static final class Serve extends CliCommand {

        @Option(
                names = "--port",
                paramLabel = "N",
                defaultValue = "8080",
                description = "The port (default ${DEFAULT-VALUE}; 0 picks a free one).")
        int port;

        @Option(
                names = "--bind",
                paramLabel = "ADDRESS",
                defaultValue = "127.0.0.1",
                description = "The address to listen on (default ${DEFAULT-VALUE}: this machine only).")
        String bind;

        @Option(
                names = "--path",
                paramLabel = "PATH",
                defaultValue = "/",
                description = "The path callbacks are POSTed to (default ${DEFAULT-VALUE}).")
        String path;

        @Option(
                names = "--secret",
                paramLabel = "S",
                description = "The webhook secret (or LEGNEXT_WEBHOOK_SECRET): signatures are checked when set.")
        String secret;

        @Option(
                names = "--require-timestamp",
                description = {
                    "Refuse (401) a signed delivery without an X-Legnext-Timestamp header. Such a"
                            + " delivery is accepted by default, as the service may sign that way, but its age cannot be"
                            + " checked: a captured copy can be replayed at any time. Needs --secret."
                })
        boolean requireTimestamp;

        private FileJobJournal journal;

        @Override
        int execute() throws IOException, InterruptedException {
            if (port < 0 || port > 65535) {
                throw new CliUsageException("'--port' must be between 0 and 65535, was " + port);
            }
            if (!path.startsWith("/")) {
                throw new CliUsageException("'--path' must start with /, was '" + path + "'");
            }
            Optional<String> key = Optional.ofNullable(secret)
                    .or(() -> Optional.ofNullable(root().context().env().get(Settings.WEBHOOK_SECRET_ENV)))
                    .filter(s -> !s.isBlank());
            if (requireTimestamp && key.isEmpty()) {
                throw new CliUsageException("'--require-timestamp' needs a webhook secret (--secret or "
                        + Settings.WEBHOOK_SECRET_ENV + "): without one no delivery is signed, so nothing vouches for"
                        + " its timestamp.");
            }
            // No adapter is opened: this process waits for nothing and sends nothing. Timestamps are judged by the
            // wall clock (the fake's clock runs accelerated), and ended jobs go to the journal, whatever service
            // they were submitted to.
            key.ifPresent(root()::alsoRedact);
            Settings settings = root().settings();
            journal = new FileJobJournal(
                    settings.home(),
                    "unknown",
                    Clock.systemUTC(),
                    key.map(settings.redactor()::with).orElse(settings.redactor()));
            ReceiveCallbackUseCase receiver =
                    Legnext.standaloneCallbackReceiver(key, Clock.systemUTC(), requireTimestamp);
            InetAddress host;
            try {
                host = InetAddress.getByName(bind);
            } catch (IOException e) {
                throw new CliUsageException("'--bind' must be an address of this machine, was '" + bind + "': no such"
                        + " host." + LISTEN_ON_ALL);
            }
            if (!isOfThisMachine(host)) {
                throw notOfThisMachine();
            }
            WebhookServer server;
            try {
                server = WebhookServer.start(new InetSocketAddress(host, port), path, receiver, new Printer());
            } catch (BindException e) {
                throw cannotBind(e);
            } catch (IOException e) {
                throw new CliStateException("Cannot listen on " + bind + ":" + port + ": the system refused to open"
                        + " a listening socket there. Choose another --port or --bind address.");
            }
            try (server) {
                InetSocketAddress bound = server.address();
                output().notice("legnext: listening for callbacks on http://" + bound.getHostString() + ":"
                        + bound.getPort() + path + " (signatures "
                        + (key.isPresent() ? "checked" : "NOT checked:" + " no secret set") + "); Ctrl-C to stop.");
                root().context().onListening().accept(bound);
                try {
                    root().context().stop().get();
                } catch (ExecutionException e) {
                    // A failed stop signal stops all the same.
                }
            }
            return ExitCodes.OK;
        }

        private static final String LISTEN_ON_ALL = " Use --bind 0.0.0.0 to listen on all of this machine's addresses,"
                + " or leave it out for this machine only (127.0.0.1).";

        /** Whether the address is one this machine can listen on; when that cannot be told, binding will tell. */
        private static boolean isOfThisMachine(InetAddress host) {
            if (host.isAnyLocalAddress() || host.isLoopbackAddress()) {
                return true;
            }
            try {
                return NetworkInterface.getByInetAddress(host) != null;
            } catch (SocketException e) {
                return true;
            }
        }

        private CliUsageException notOfThisMachine() {
            return new CliUsageException("'--bind' must be an address of this machine, was '" + bind + "': it is not"
                    + " one of this machine's addresses." + LISTEN_ON_ALL);
        }

        /**
         * Says in words why the address could not be bound; the system's own text only picks which words, since it
         * names no remedy.
         */
        private RuntimeException cannotBind(BindException e) {
            String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (why.contains("assign")) {
                return notOfThisMachine();
            }
            if (why.contains("permission") || why.contains("access")) {
                return new CliStateException("Cannot listen on " + bind + ":" + port + ": this user may not listen on"
                        + " that port (ports below 1024 need administrator rights). Choose another --port.");
            }
            return new CliStateException("Cannot listen on " + bind + ":" + port + ": the port is already in use by"
                    + " another program. Choose another --port.");
        }

        /** Prints each event; records jobs that ended in the journal. Called for one delivery at a time. */
        private final class Printer implements WebhookServer.Events {

            @Override
            public void accepted(Job job) {
                try {
                    journal.recordOutcome(job);
                } catch (RuntimeException e) {
                    output().notice("legnext: warning: " + e.getMessage());
                }
                if (output().json()) {
                    output().printJson(JobJson.write(job));
                } else {
                    int n = job.videoUrls().isEmpty()
                            ? job.imageUrls().size()
                            : job.videoUrls().size();
                    output().result(Output.time(Instant.now()) + "  job " + job.id() + "  " + job.taskType() + "  "
                            + job.status() + (n > 0 ? "  " + n + " result URL" + (n == 1 ? "" : "s") : "")
                            + job.failure().map(f -> "  error: " + f.describe()).orElse(""));
                }
            }

            @Override
            public void duplicate() {
                output().notice("legnext: duplicate delivery acknowledged (200) and ignored");
            }

            @Override
            public void rejected(int status, String why) {
                output().notice("legnext: refused a delivery with " + status + ": " + why);
            }
        }
    }
}
