package io.legnext.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Benchmark figures: each is printed and appended as {@code <name> <value> <unit>} to the file named by the system
 * property {@code legnext.bench.results} (set by the bench profile to target/bench/results.txt).
 */
final class BenchResults {

    /** The system property naming the results file. */
    static final String RESULTS_PROPERTY = "legnext.bench.results";

    /** The system property identifying one benchmark run. */
    static final String RUN_PROPERTY = "legnext.bench.run";

    private static boolean started;

    private BenchResults() {}

    /** Prints and appends one figure, with one decimal. */
    static void record(String name, double value, String unit) {
        line(String.format(Locale.ROOT, "%s %.1f %s", name, value, unit));
    }

    /** Prints and appends a ratio, with three decimals: one would hide the difference between 1.04 and 1.14. */
    static void recordRatio(String name, double value, String unit) {
        line(String.format(Locale.ROOT, "%s %.3f %s", name, value, unit));
    }

    /** Prints and appends one whole-number figure. */
    static void record(String name, long value, String unit) {
        line(name + " " + value + " " + unit);
    }

    /**
     * Prints and appends a ratio with the bound it must not exceed, and whether it met it; answers that.
     *
     * @param limit the largest value that meets the target
     */
    static boolean recordTarget(String name, double value, double limit, String unit) {
        boolean met = value <= limit;
        line(String.format(Locale.ROOT, "%s %.3f %s target<=%.2f targets_met=%s", name, value, unit, limit, met));
        return met;
    }

    /** Prints and appends a line as it is. */
    static synchronized void line(String line) {
        System.out.println(line);
        String file = System.getProperty(RESULTS_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Path path = Path.of(file);
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            if (!started) {
                startRun(path);
                started = true;
            }
            Files.writeString(
                    path,
                    line + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Could not append to the benchmark results " + file + ": " + e.getMessage()
                            + ". Check that the directory is writable.",
                    e);
        }
    }

    /**
     * One run, one file: figures of an earlier run must not be mistaken for this one's. Each benchmark runs in a JVM
     * of its own, so the run is told by the id Maven passes (a marker file beside the results), not by the JVM.
     */
    private static void startRun(Path results) throws IOException {
        String run = System.getProperty(RUN_PROPERTY, "");
        Path marker = results.resolveSibling(results.getFileName() + ".run");
        boolean sameRun = !run.isEmpty()
                && Files.exists(marker)
                && Files.readString(marker, StandardCharsets.UTF_8).strip().equals(run);
        if (!sameRun) {
            Files.deleteIfExists(results);
            Files.writeString(marker, run, StandardCharsets.UTF_8);
        }
    }

    /** The value at quantile {@code q} (0-1) of sorted {@code values}, nearest rank. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }
}
