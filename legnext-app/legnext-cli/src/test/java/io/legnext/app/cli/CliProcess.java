package io.legnext.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts the CLI as a process of its own, for the tests that run it as a user would. */
final class CliProcess {

    private CliProcess() {}

    /**
     * This JVM's java running the packaged jar (the system property {@code legnext.jar}, set after {@code package}),
     * or the CLI's main class from this classpath when run before packaging; then {@code args}.
     */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jar = System.getProperty("legnext.jar");
        if (jar != null && !jar.isBlank()) {
            command.addAll(List.of("-jar", jar));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LegnextCli.class.getName()));
        }
        command.addAll(List.of(args));
        return command;
    }
}
