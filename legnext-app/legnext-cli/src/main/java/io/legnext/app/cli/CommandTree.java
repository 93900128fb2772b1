package io.legnext.app.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The root's subcommands, registered for each command line: only the one it names, so that a command's start pays
 * for picocli's model of that command alone and loads no class of the others (building the whole tree was most of
 * a short command's time). Whatever needs the whole tree gets it: usage help, {@code help}, an unknown or missing
 * command, {@code --}, an argument file ({@code @file}).
 */
final class CommandTree {

    /** Every subcommand of {@code legnext}, by name, in the order usage help lists them. */
    static final List<Map.Entry<String, Class<?>>> SUBCOMMANDS = List.of(
            Map.entry("video", VideoCommand.class),
            Map.entry("job", JobCommand.class),
            Map.entry("jobs", JobsCommand.class),
            Map.entry("batch", BatchCommand.class),
            Map.entry("balance", BalanceCommand.class),
            Map.entry("webhook", WebhookCommand.class),
            Map.entry("fake", FakeCommand.class),
            Map.entry("mock-server", MockServerCommand.class),
            Map.entry("help", CommandLine.HelpCommand.class));

    private CommandTree() {}

    /**
     * Adds to {@code root} (built without subcommands) what {@code args} need: the one subcommand they name, none
     * for a bare {@code --version}, otherwise all. Call it before any setting that applies to subcommands.
     */
    static void register(CommandLine root, String... args) {
        Optional<String> named = subcommandNamed(root.getCommandSpec(), args);
        if (named.isPresent() && !named.get().equals("help")) {
            SUBCOMMANDS.stream()
                    .filter(e -> e.getKey().equals(named.get()))
                    .forEach(e -> root.addSubcommand(e.getKey(), e.getValue()));
            if (root.getSubcommands().isEmpty()) {
                registerAll(root);
            }
        } else if (named.isPresent() || !onlyVersion(root.getCommandSpec(), args)) {
            registerAll(root);
        }
    }

    private static void registerAll(CommandLine root) {
        SUBCOMMANDS.forEach(e -> root.addSubcommand(e.getKey(), e.getValue()));
    }

    /**
     * The first argument that is neither one of the root's options nor an option's value; empty when there is none.
     * Answers {@code help} (which needs every command) for {@code --} and argument files.
     */
    static Optional<String> subcommandNamed(CommandSpec root, String... args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--") || arg.startsWith("@")) {
                return Optional.of("help");
            }
            if (!arg.startsWith("-")) {
                return Optional.of(arg);
            }
            int eq = arg.indexOf('=');
            OptionSpec option = root.findOption(eq < 0 ? arg : arg.substring(0, eq));
            if (option != null && eq < 0 && option.arity().max() > 0) {
                i++; // its value
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code args} are the root's own options (and their values) only, asking for the version and not for
     * help: then no subcommand can matter.
     */
    private static boolean onlyVersion(CommandSpec root, String... args) {
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int eq = arg.indexOf('=');
            OptionSpec option = arg.startsWith("-") ? root.findOption(eq < 0 ? arg : arg.substring(0, eq)) : null;
            if (option == null || option.usageHelp()) {
                return false;
            }
            version |= option.versionHelp();
            if (eq < 0 && option.arity().max() > 0) {
                i++; // its value
            }
        }
        return version;
    }
}
