package io.legnext.app.bench;

import io.legnext.app.cli.CliContext;
import io.legnext.app.cli.LegnextCli;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;

/**
 * Run by {@link CliStartupBenchmark} in a cold JVM, with the application jar on its class path: does what
 * {@code legnext --version} does, phase by phase, and prints the time of each on stderr as
 * {@code phases context=<ms> model=<ms> execute=<ms>}. With the argument {@code noop} it returns at once: the floor
 * any Java command line pays.
 */
public final class CliStartupPhases {

    private CliStartupPhases() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("noop")) {
            return;
        }
        long start = System.nanoTime();
        PrintWriter out = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), true);
        CliContext context = CliContext.of(System.getenv(), out, out, false, Path.of(System.getProperty("user.home")))
                .withServer(null, new CompletableFuture<>());
        long contextReady = System.nanoTime();
        CommandLine commandLine = new CommandLine(new LegnextCli(context));
        long modelReady = System.nanoTime();
        commandLine.execute("--version");
        long done = System.nanoTime();
        System.err.printf(
                Locale.ROOT,
                "phases context=%.1f model=%.1f execute=%.1f%n",
                (contextReady - start) / 1e6,
                (modelReady - contextReady) / 1e6,
                (done - modelReady) / 1e6);
    }
}
