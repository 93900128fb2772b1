package io.legnext.app.cli;

import io.legnext.mock.LegnextMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the {@code legnext} script's class data sharing archive: runs the commands whose start matters
 * (the version, usage help, which builds every command, and a job looked up over HTTP from a mock server in this
 * process), printing nothing and touching nothing outside a temporary home, so that a JVM started with
 * {@code -XX:ArchiveClassesAtExit} archives what they load. Answers 0 when each command ended as expected.
 */
public final class StartupTraining {

    private StartupTraining() {}

    /** The entry point; takes no arguments. */
    public static void main(String[] args) throws IOException {
        Path home = Files.createTempDirectory("legnext-training");
        int failures = 0;
        try (LegnextMockServer server = LegnextMockServer.builder().start()) {
            String id = server.fake().seedCompletedVideoJob().toString();
            Map<String, String> env = Map.of(
                    Settings.API_KEY_ENV, server.key(),
                    Settings.BASE_URL_ENV, server.url().toString(),
                    Settings.HOME_ENV, home.toString());
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            CliContext context = CliContext.of(env, nowhere, nowhere, false, home);
            for (List<String> command : List.of(
                    List.of("--version"),
                    List.of("--help"),
                    List.of("job", "get", id),
                    List.of("--json", "job", "get", id),
                    List.of("balance"))) {
                if (LegnextCli.run(context, command.toArray(String[]::new)) != ExitCodes.OK) {
                    failures++;
                }
            }
        } finally {
            delete(home);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
