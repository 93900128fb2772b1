package io.legnext.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.app.json.JobJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Runs the command line in-process with captured output, an injected environment and a temporary home. */
final class CliHarness {

    final Path home;
    final Map<String, String> env = new HashMap<>();
    CliServices.Factory services = CliServices::create;
    boolean terminal;
    Consumer<InetSocketAddress> onListening;
    CompletableFuture<Void> stop;
    /** What the runs have under way, as the interrupt hook sees it. */
    InFlight inFlight = new InFlight();
    /** The stdout of the run in progress, readable while it runs (a server's output). */
    volatile StringWriter liveOut = new StringWriter();
    /** What the runs read on standard input. */
    String stdin = "";
    /** Whether standard input counts as a terminal (a question may be asked when stderr is one too). */
    boolean stdinTerminal;
    /** The virtual time that the commands' waits move, or null when they wait in real time. */
    CommandTime time;

    CliHarness(Path home) {
        this.home = home;
        env.put(Settings.HOME_ENV, home.toString());
    }

    /** A harness whose commands talk over HTTP, with this key, to the shared stub service on 127.0.0.1. */
    static CliHarness onStub(com.github.tomakehurst.wiremock.WireMockServer stub, Path home, String key) {
        CliHarness h = new CliHarness(home);
        h.env.put(Settings.API_KEY_ENV, key);
        h.env.put(Settings.BASE_URL_ENV, "http://127.0.0.1:" + stub.port());
        return h;
    }

    /**
     * A harness whose commands share one fake service; in a world in virtual time, each command runs while its
     * waits move that time (see {@link CommandTime}).
     */
    static CliHarness on(FakeWorld world, Path home) {
        CliHarness h = new CliHarness(home);
        h.services = world.factory();
        h.time = world.time;
        return h;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        liveOut = out;
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(
                env,
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                terminal,
                home.resolve("user-home"),
                services,
                onListening,
                stop,
                inFlight,
                new java.io.BufferedReader(new java.io.StringReader(stdin)),
                stdinTerminal);
        int exit = time == null ? LegnextCli.run(context, args) : time.run(() -> LegnextCli.run(context, args));
        return new Result(exit, out.toString(), err.toString());
    }

    /** What one run left behind. */
    record Result(int exit, String out, String err) {

        List<String> outLines() {
            List<String> lines = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            return lines;
        }

        /** The only stdout line, as JSON. */
        JsonNode json() {
            List<String> lines = outLines();
            if (lines.size() != 1) {
                throw new AssertionError(
                        "expected one JSON line, got " + lines.size() + ":\n" + out + "\nstderr:\n" + err);
            }
            return parse(lines.get(0));
        }

        List<JsonNode> jsonLines() {
            return outLines().stream().map(Result::parse).toList();
        }

        private static JsonNode parse(String line) {
            try {
                return JobJson.MAPPER.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
