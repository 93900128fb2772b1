package io.legnext.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.JobId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Cold start of an embedded client: from the start of a fresh JVM to its first completed lookup, through the facade
 * ({@link ColdLookupLegnext}) and through the baseline ({@link ColdLookupRaw}), each a small main class started
 * with the same java command and class path, alternating, against one stub on 127.0.0.1. Prints the medians and the
 * classes each loaded ({@code -Xlog:class+load}, counted in runs of their own so that logging does not slow the
 * timed ones).
 */
class ColdStartBenchmark {

    private static final int RUNS = 11;
    private static final int CLASS_COUNT_RUNS = 3;
    private static final String KEY = "lk_bench_key";

    @Test
    void anEmbeddedClientsFirstLookupComesAsSoonAsARawClients() throws Exception {
        JobId id = JobId.random();
        Process stub = BenchStubServer.start(id);
        try {
            String base = "http://127.0.0.1:" + BenchStubServer.port(stub);
            List<Class<?>> programs = List.of(ColdLookupRaw.class, ColdLookupLegnext.class);
            // One run of each first, unmeasured: the file system's caches are then warm for both alike.
            for (Class<?> program : programs) {
                firstLookup(program, base, id, null);
            }
            double[][] millis = new double[2][RUNS];
            for (int run = 0; run < RUNS; run++) {
                for (int p = 0; p < 2; p++) {
                    int which = run % 2 == 0 ? p : 1 - p;
                    millis[which][run] = firstLookup(programs.get(which), base, id, null) / 1e6;
                }
            }
            long[][] classes = new long[2][CLASS_COUNT_RUNS];
            for (int run = 0; run < CLASS_COUNT_RUNS; run++) {
                for (int p = 0; p < 2; p++) {
                    Path log = Files.createTempFile("legnext-class-load", ".log");
                    try {
                        firstLookup(programs.get(p), base, id, log);
                        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                            classes[p][run] =
                                    lines.filter(l -> l.contains("source:")).count();
                        }
                    } finally {
                        Files.deleteIfExists(log);
                    }
                }
            }
            double raw = median(millis[0]);
            double ours = median(millis[1]);
            BenchResults.record("client.cold_start.baseline.first_lookup", raw, "ms");
            BenchResults.record("client.cold_start.legnext.first_lookup", ours, "ms");
            BenchResults.record("client.cold_start.baseline.classes_loaded", median(classes[0]), "classes");
            BenchResults.record("client.cold_start.legnext.classes_loaded", median(classes[1]), "classes");
            boolean met =
                    BenchResults.recordTarget("client.cold_start.ratio.first_lookup", ours / raw, 1.0, "ours/baseline");
            BenchResults.line("client.cold_start.targets_met=" + met);
            assertThat(ours).as("time to the first lookup, ms").isPositive();
        } finally {
            BenchStubServer.stop(stub);
        }
    }

    /**
     * Starts {@code program} in a fresh JVM and answers the nanoseconds until it printed its lookup's result.
     *
     * @param classLog where the JVM logs each class it loads, or null for none
     */
    private static long firstLookup(Class<?> program, String base, JobId id, Path classLog)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (classLog != null) {
            command.add("-Xlog:class+load=info:file=" + classLog);
        }
        command.addAll(
                List.of("-cp", System.getProperty("java.class.path"), program.getName(), base, id.toString(), KEY));
        long start = System.nanoTime();
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String line;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
            long took = System.nanoTime() - start;
            assertThat(line).as(program.getSimpleName() + "'s output").isEqualTo("looked-up completed");
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
            return took;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return BenchResults.quantile(sorted, 0.5);
    }

    private static double median(long[] values) {
        return median(Arrays.stream(values).asDoubleStream().toArray());
    }
}
