package io.legnext.app.cli;

import io.legnext.core.error.AuthenticationException;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.secret.Redactor;
import io.legnext.core.wait.WaitTimedOutException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code legnext} command line: generate, extend and upscale videos, wait for them, download them, and keep a
 * journal of every job this machine submitted. Runs against the fake adapter until an API key is set. Its
 * subcommands are registered by {@link CommandTree}: only the one a command line names is built.
 */
@Command(
        name = "legnext",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Generate videos with the Legnext API, wait for them, download them.",
            "",
            "Without LEGNEXT_API_KEY, commands run against a local fake service in accelerated time, kept in"
                    + " LEGNEXT_HOME/fake for later commands (legnext fake reset forgets it).",
            "Environment: LEGNEXT_API_KEY, LEGNEXT_ADAPTER (fake|http), LEGNEXT_BASE_URL, LEGNEXT_HOME (default"
                    + " ~/.legnext), LEGNEXT_WEBHOOK_SECRET; for the fake: LEGNEXT_FAKE_SPEED, LEGNEXT_FAKE_MAX_JOBS,"
                    + " LEGNEXT_FAKE_WHEN_BUSY (queue|reject), LEGNEXT_FAKE_JOB_TTL."
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 success; 2 invalid input or usage (nothing was sent); 3 rejected by the service;",
            "  4 the job failed; 5 the wait timed out (the job still runs); 6 service unavailable; 1 anything else.",
            "  Batches: 7 an item is uncertain; 8 the balance cannot cover the batch; 9 not confirmed; 10 the batch is"
                    + " run by another process; 130 interrupted."
        })
public final class LegnextCli implements Callable<Integer> {

    /** How long an interrupt waits for a submit's answer to reach the journal before the process ends. */
    static final Duration SUBMIT_GRACE = Duration.ofSeconds(5);

    private final CliContext context;
    private final Settings.GlobalOptions options = new Settings.GlobalOptions();
    private List<RedactingWriter> redactingWriters = List.of();
    private Output output;
    private CliServices services;

    /** A command line running in {@code context}. */
    public LegnextCli(CliContext context) {
        this.context = context;
    }

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print results as JSON: one object per job (or per balance) per line.")
    void setJson(boolean value) {
        options.json = value;
    }

    @Option(
            names = {"-q", "--quiet"},
            scope = ScopeType.INHERIT,
            description = "Print only the essentials: ids, URLs, paths; no notices or progress.")
    void setQuiet(boolean value) {
        options.quiet = value;
    }

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Log requests (never the key) and show stack traces on errors.")
    void setVerbose(boolean value) {
        options.verbose = value;
    }

    @Option(
            names = "--adapter",
            scope = ScopeType.INHERIT,
            paramLabel = "fake|http",
            description = "The service to use (or LEGNEXT_ADAPTER); default http when LEGNEXT_API_KEY is set, else"
                    + " fake.")
    void setAdapter(String value) {
        options.adapter = value;
    }

    @Option(
            names = "--base-url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "The HTTP service's address (or LEGNEXT_BASE_URL); default https://api.legnext.ai.")
    void setBaseUrl(String value) {
        options.baseUrl = value;
    }

    @Option(
            names = "--fake-speed",
            scope = ScopeType.INHERIT,
            hidden = true,
            paramLabel = "FACTOR",
            description = "How much faster than real time the fake runs (or LEGNEXT_FAKE_SPEED); default 100.")
    void setFakeSpeed(double value) {
        options.fakeSpeed = value;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        context.err().println("legnext: say what to do, e.g. legnext video generate --prompt \"a cat walks\" --wait");
        cl.usage(context.err());
        context.err().flush();
        return ExitCodes.USAGE;
    }

    /** Runs one command line in {@code context}; answers the exit code. */
    public static int run(CliContext given, String... args) {
        // Every line printed, whoever prints it, passes the one redaction of the key and URL credentials.
        Redactor redactor = Settings.redactor(given.env());
        RedactingWriter safeOut = new RedactingWriter(given.out(), redactor);
        RedactingWriter safeErr = new RedactingWriter(given.err(), redactor);
        CliContext context = given.withStreams(new PrintWriter(safeOut, true), new PrintWriter(safeErr, true));
        LegnextCli root = new LegnextCli(context);
        root.redactingWriters = List.of(safeOut, safeErr);
        CommandLine cl = new CommandLine(root);
        CommandTree.register(cl, args);
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.registerConverter(Duration.class, new DurationConverter());
        cl.registerConverter(Integer.class, new WholeNumberConverter());
        cl.registerConverter(Integer.TYPE, new WholeNumberConverter());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter err = context.err();
            err.println("legnext: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
            err.println("See '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCodes.USAGE;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> root.report(e));
        try {
            return cl.execute(args);
        } finally {
            root.closeServices();
            context.out().flush();
            context.err().flush();
        }
    }

    /** The process entry point. */
    public static void main(String[] args) {
        loggingProperties(Arrays.asList(args).contains("--verbose")
                        || Arrays.asList(args).contains("-v"))
                .forEach(System::setProperty);
        Redactor redactor = Settings.redactor(System.getenv());
        // What libraries print on the process's own streams (the verbose mode's log lines) is redacted too.
        System.setOut(new PrintStream(
                new RedactingOutputStream(new FileOutputStream(FileDescriptor.out), redactor),
                true,
                StandardCharsets.UTF_8));
        System.setErr(new PrintStream(
                new RedactingOutputStream(new FileOutputStream(FileDescriptor.err), redactor),
                true,
                StandardCharsets.UTF_8));
        // run() passes the commands' output through the redaction; the interrupt hook prints outside run().
        PrintWriter out = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        PrintWriter hookErr = redacting(err, redactor);
        CompletableFuture<Void> stop = new CompletableFuture<>();
        CliContext context = CliContext.of(
                        System.getenv(), out, err, stderrIsTerminal(), Path.of(System.getProperty("user.home")))
                .withServer(null, stop)
                .withStdin(
                        new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)),
                        isTerminal(0));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.complete(null);
                            awaitSubmits(context.inFlight(), hookErr);
                            printInterrupted(context.inFlight(), hookErr);
                        },
                        "legnext-interrupt"));
        int code = run(context, args);
        out.flush();
        err.flush();
        HttpSelectorThreads.end(); // else the JVM's exit waits 300 ms for them
        System.exit(code);
    }

    /**
     * How the command line sets up its SLF4J backend: everything at debug with {@code --verbose}; otherwise warnings
     * from libraries only, and nothing from legnext's own loggers (retries, waits, callbacks), so that what a
     * command prints stays its own lines.
     */
    static Map<String, String> loggingProperties(boolean verbose) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        if (!verbose) {
            properties.put("org.slf4j.simpleLogger.log.io.legnext", "off");
        }
        properties.put("org.slf4j.simpleLogger.logFile", "System.err");
        return properties;
    }

    /** {@code target}, every line of it masked by {@code redactor}; flushed at each line like the original. */
    static PrintWriter redacting(PrintWriter target, Redactor redactor) {
        return new PrintWriter(new RedactingWriter(target, redactor), true);
    }

    /**
     * Lets a submit under way learn its outcome before the process ends, for at most {@link #SUBMIT_GRACE}: the
     * service may have answered already, and its job must reach the journal rather than be lost with the process.
     */
    static void awaitSubmits(InFlight inFlight, PrintWriter err) {
        inFlight.interrupted();
        if (!inFlight.submitUnsettled()) {
            return;
        }
        err.println();
        err.println("legnext: interrupted during a submit: waiting up to " + SUBMIT_GRACE.toSeconds() + " s for the"
                + " service's answer, so that its job is journaled and not lost...");
        err.flush();
        try {
            inFlight.awaitSubmits(SUBMIT_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Says on {@code err} what an interrupt cut short: a submit in flight (a job may exist and be charged: never
     * resend blindly), a job accepted or waited for (how to pick it up). Prints nothing when nothing was under way,
     * which is also the case once a command has ended normally.
     */
    static void printInterrupted(InFlight inFlight, PrintWriter err) {
        List<String> lines = inFlight.interruptLines();
        if (!lines.isEmpty()) {
            err.println(); // ends a progress line drawn in place
            lines.forEach(err::println);
        }
        err.flush();
    }

    /**
     * Whether stderr is a terminal. Java 17 cannot ask directly; on Linux the descriptor's link names the device,
     * elsewhere an interactive console stands in for it.
     */
    static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    /** Whether file descriptor {@code fd} (0 stdin, 2 stderr) is a terminal; see {@link #stderrIsTerminal()}. */
    static boolean isTerminal(int fd) {
        try {
            Path link = Path.of("/proc/self/fd/" + fd);
            if (Files.exists(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // fall back below
        }
        return System.console() != null;
    }

    // ------------------------------------------------------------------ for subcommands

    CliContext context() {
        return context;
    }

    Settings.GlobalOptions options() {
        return options;
    }

    Output output() {
        if (output == null) {
            output = new Output(context.out(), context.err(), options.json, options.quiet, context.stderrIsTerminal());
        }
        return output;
    }

    /** Masks {@code secret} in everything printed from now on: a secret given as an option, say. */
    void alsoRedact(String secret) {
        redactingWriters.forEach(w -> w.alsoMask(secret));
    }

    Settings settings() {
        return Settings.resolve(options, context.env(), context.userHome());
    }

    /** Opens the services once per command line; announces the fake. */
    CliServices services() {
        if (services == null) {
            Settings settings = settings();
            services = context.services().open(settings, line -> output().notice(line));
            if (services.isFake()) {
                output().notice("legnext: using the fake adapter (a local service in " + settings.fakeStore()
                        + ", accelerated time, nothing is charged); set LEGNEXT_API_KEY to use the real service.");
            }
        }
        return services;
    }

    private void closeServices() {
        if (services != null) {
            try {
                services.close();
            } catch (Exception e) {
                if (options.verbose) {
                    e.printStackTrace(context.err());
                }
            }
            services = null;
        }
    }

    /** Prints a failure in a line or two (with the stack trace when verbose) and answers its exit code. */
    int report(Throwable failure) {
        Throwable e = ExitCodes.unwrap(failure);
        int code = ExitCodes.of(e);
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? e.getClass().getSimpleName()
                : e.getMessage();
        if (code == ExitCodes.OTHER
                && !(e instanceof io.legnext.app.download.DownloadException)
                && !(e instanceof CliStateException)) {
            message = "unexpected error: " + e.getClass().getSimpleName() + ": " + message;
        }
        output().error("legnext: " + message);
        if (e instanceof WaitTimedOutException t) {
            output().error("legnext: pick it up again with: legnext job wait "
                    + t.lastKnown().id() + " (or legnext jobs resume)");
        }
        if (e instanceof AuthenticationException) {
            output().error("legnext: the key comes from " + Settings.API_KEY_ENV + ".");
        }
        if (e instanceof JournalUnavailableException) {
            output().error("legnext: the journal lives in " + Settings.HOME_ENV + " (default ~/.legnext): point it at"
                    + " a writable directory with free space.");
        }
        if (e instanceof io.legnext.core.error.NotFoundException && services != null && services.isFake()) {
            Settings s = services.settings();
            java.time.Duration ttl = s.fakeLimits().jobTtl();
            output().error("legnext: the fake adapter keeps its jobs in " + s.fakeStore() + " for "
                    + Output.duration(ttl) + " of its accelerated time ("
                    + Output.duration(java.time.Duration.ofMillis((long) (ttl.toMillis() / s.fakeSpeed())))
                    + " of wall time at speed "
                    + Settings.number(s.fakeSpeed()) + ", " + Settings.FAKE_JOB_TTL_ENV + "), until legnext fake"
                    + " reset; a job of another LEGNEXT_HOME, or of the real service, is unknown to it.");
        }
        if (options.verbose) {
            e.printStackTrace(context.err());
            context.err().flush();
        } else if (code == ExitCodes.OTHER
                && !(e instanceof io.legnext.app.download.DownloadException)
                && !(e instanceof CliStateException)) {
            output().error("legnext: run again with --verbose for details.");
        }
        return code;
    }
}
