package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Only the subcommand a command line names is built; whatever needs the whole tree gets all of it. */
class CommandTreeTest {

    private static final List<String> ALL =
            List.of("video", "job", "jobs", "batch", "balance", "webhook", "fake", "mock-server", "help");

    private static List<String> registeredFor(String... args) {
        StringWriter sink = new StringWriter();
        CliContext context = CliContext.of(Map.of(), new PrintWriter(sink), new PrintWriter(sink), false, Path.of("."));
        CommandLine root = new CommandLine(new LegnextCli(context));
        CommandTree.register(root, args);
        return List.copyOf(root.getSubcommands().keySet());
    }

    @Test
    void eachNameIsTheOneItsCommandDeclares() {
        CommandTree.SUBCOMMANDS.forEach(e ->
                assertThat(e.getValue().getAnnotation(Command.class).name()).isEqualTo(e.getKey()));
        assertThat(CommandTree.SUBCOMMANDS).extracting(Map.Entry::getKey).containsExactlyElementsOf(ALL);
    }

    @Test
    void everyTopLevelCommandOfThePackageIsInTheTree() {
        List<JavaClass> all = new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.legnext.app.cli")
                        .stream()
                        .filter(c -> c.isAnnotatedWith(Command.class))
                        .collect(Collectors.toList());
        // A command of its own file may be another's subcommand (batch run): it is then not the root's.
        java.util.Set<String> nested = all.stream()
                .flatMap(c -> java.util.Arrays.stream(
                        c.reflect().getAnnotation(Command.class).subcommands()))
                .map(Class::getName)
                .collect(Collectors.toSet());
        List<String> commands = all.stream()
                .filter(JavaClass::isTopLevelClass)
                .map(JavaClass::getName)
                .filter(name -> !name.equals(LegnextCli.class.getName()) && !nested.contains(name))
                .sorted()
                .collect(Collectors.toList());

        assertThat(commands)
                .containsExactlyInAnyOrderElementsOf(CommandTree.SUBCOMMANDS.stream()
                        .map(e -> e.getValue().getName())
                        .filter(name -> name.startsWith("io.legnext.app.cli."))
                        .collect(Collectors.toList()));
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        assertThat(registeredFor("job", "get", "0b0e8f40-0000-4000-8000-000000000000"))
                .containsExactly("job");
        assertThat(registeredFor("--json", "--base-url", "http://127.0.0.1:1", "-q", "job", "get", "x"))
                .containsExactly("job");
        assertThat(registeredFor("--adapter=fake", "video", "generate")).containsExactly("video");
        assertThat(registeredFor("--adapter", "fake", "balance")).containsExactly("balance");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V", "--json --version", "--base-url http://x --version"})
    void theVersionAloneBuildsNoCommand(String args) {
        assertThat(registeredFor(args.split(" "))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "--help",
                "-h",
                "--json",
                "help",
                "help job",
                "jbo get",
                "-- job",
                "@args.txt",
                "--version --help",
                "--version --bogus",
                "-qV"
            })
    void whatNeedsTheWholeTreeGetsAllOfIt(String args) {
        assertThat(registeredFor(args.isEmpty() ? new String[0] : args.split(" ")))
                .containsExactlyElementsOf(ALL);
    }

    @Test
    void usageHelpListsEveryCommandAsBefore() {
        CliHarness cli = new CliHarness(Path.of(System.getProperty("java.io.tmpdir")));

        CliHarness.Result help = cli.run("--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out())
                .containsSubsequence(
                        "Commands:",
                        "  video",
                        "  job",
                        "  jobs",
                        "  balance",
                        "  webhook",
                        "  fake",
                        "  mock-server",
                        "  help");
    }

    @Test
    void noCommandStillPrintsTheWholeUsage() {
        CliHarness cli = new CliHarness(Path.of(System.getProperty("java.io.tmpdir")));

        CliHarness.Result none = cli.run();

        assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("say what to do").contains("  mock-server");
    }
}
