package io.legnext.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class of any module's main code passes 400 lines (formatted), and the fake's facade stays under 300: a class
 * that grows past that holds more than one concern and is split before it lands.
 */
class SourceSizeTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final int MAX_LINES = 400;

    @Test
    void noMainClassPassesFourHundredLines() throws IOException {
        List<Path> sources = mainSources();
        List<String> tooLong = sources.stream()
                .filter(p -> lines(p) > MAX_LINES)
                .map(p -> ROOT.relativize(p) + " (" + lines(p) + " lines)")
                .collect(Collectors.toList());

        assertThat(sources).as("main sources found").hasSizeGreaterThan(200);
        assertThat(tooLong).as("main classes over " + MAX_LINES + " lines").isEmpty();
    }

    @Test
    void theFakesFacadeStaysUnderThreeHundredLines() {
        Path fake = ROOT.resolve("legnext-adapter-fake/src/main/java/io/legnext/adapter/fake/FakeLegnext.java");

        assertThat(lines(fake)).isLessThan(300);
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p ->
                            !p.toString().contains("/target/") && !p.toString().contains("/src/it/"))
                    .collect(Collectors.toList());
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
