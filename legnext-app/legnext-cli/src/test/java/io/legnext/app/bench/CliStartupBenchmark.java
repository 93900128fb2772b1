package io.legnext.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, the command line: wall time of {@code legnext --version} from a cold JVM (median of several runs) and the
 * size of the application jar. The bench profile builds the jar before this runs.
 *
 * <p>And what dominates it: the wall time of a JVM that starts and returns at once (the floor of any Java command
 * line), and, from {@link CliStartupPhases} run the same way, the time spent building the context, building picocli's
 * model of the command tree, and executing {@code --version}.
 */
class CliStartupBenchmark {

    private static final int RUNS = 9;

    @Test
    void versionFromAColdJvm() throws Exception {
        Path jar = Path.of(System.getProperty("legnext.bench.jar", "target/legnext.jar"));
        assertThat(jar).as("the application jar (built in the package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        List<String> version = List.of(java, "-jar", jar.toString(), "--version");
        exec(version); // one untimed run: the OS file cache, not the JVM, would otherwise dominate the first
        double[] seconds = sortedWallTimes(version, "legnext");
        BenchResults.recordRatio("cli.version.wall_time.median", BenchResults.quantile(seconds, 0.5), "s");
        BenchResults.recordRatio("cli.version.wall_time.min", seconds[0], "s");
        BenchResults.recordRatio("cli.jar.size", Files.size(jar) / (1024.0 * 1024.0), "MiB");

        // The same with the JVM flag the ./legnext script adds: what a user typing legnext --version waits for.
        double[] c1 = sortedWallTimes(
                List.of(java, "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--version"), "legnext");
        BenchResults.recordRatio("cli.version.script_flags.wall_time.median", BenchResults.quantile(c1, 0.5), "s");

        String probePath = jar
                + File.pathSeparator
                + Path.of(CliStartupPhases.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI());
        // The no-op prints nothing: its exit status (checked by exec) is all there is to check.
        double[] floor =
                sortedWallTimes(List.of(java, "-cp", probePath, CliStartupPhases.class.getName(), "noop"), null);
        BenchResults.recordRatio("cli.jvm_noop.wall_time.median", BenchResults.quantile(floor, 0.5), "s");
        Map<String, double[]> phases = new LinkedHashMap<>();
        for (String phase : List.of("context", "model", "execute")) {
            phases.put(phase, new double[RUNS]);
        }
        for (int i = 0; i < RUNS; i++) {
            Matcher m = PHASES.matcher(exec(List.of(java, "-cp", probePath, CliStartupPhases.class.getName())));
            assertThat(m.find()).as("the probe's phase line").isTrue();
            phases.get("context")[i] = Double.parseDouble(m.group(1)) / 1000;
            phases.get("model")[i] = Double.parseDouble(m.group(2)) / 1000;
            phases.get("execute")[i] = Double.parseDouble(m.group(3)) / 1000;
        }
        phases.forEach((phase, values) -> {
            Arrays.sort(values);
            BenchResults.recordRatio("cli.version.phase." + phase + ".median", BenchResults.quantile(values, 0.5), "s");
        });
    }

    private static final Pattern PHASES = Pattern.compile("phases context=([0-9.]+) model=([0-9.]+) execute=([0-9.]+)");

    /** Wall times of {@link #RUNS} runs of a command, sorted; each output must contain {@code expected} if set. */
    private static double[] sortedWallTimes(List<String> command, String expected) throws Exception {
        double[] seconds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            String out = exec(command);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            if (expected != null) {
                assertThat(out).contains(expected);
            }
        }
        Arrays.sort(seconds);
        return seconds;
    }

    private static String exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
