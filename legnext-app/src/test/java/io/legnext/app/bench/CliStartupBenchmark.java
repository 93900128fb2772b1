package io.legnext.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, the command line: wall time of {@code legnext --version} from a cold JVM (median of several runs) and the
 * size of the application jar. The bench profile builds the jar before this runs.
 */
class CliStartupBenchmark {

    private static final int RUNS = 9;

    @Test
    void versionFromAColdJvm() throws Exception {
        Path jar = Path.of(System.getProperty("legnext.bench.jar", "target/legnext.jar"));
        assertThat(jar).as("the application jar (built in the package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        run(java, jar); // one untimed run: the OS file cache, not the JVM, would otherwise dominate the first
        double[] seconds = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            String out = run(java, jar);
            seconds[i] = (System.nanoTime() - start) / 1e9;
            assertThat(out).contains("legnext");
        }
        Arrays.sort(seconds);
        BenchResults.recordRatio("cli.version.wall_time.median", BenchResults.quantile(seconds, 0.5), "s");
        BenchResults.recordRatio("cli.version.wall_time.min", seconds[0], "s");
        BenchResults.recordRatio("cli.jar.size", Files.size(jar) / (1024.0 * 1024.0), "MiB");
    }

    private static String run(String java, Path jar) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--version"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
