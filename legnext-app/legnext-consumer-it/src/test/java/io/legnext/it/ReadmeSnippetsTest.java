package io.legnext.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's embedding snippets are the host project's own code: each block marked
 * {@code <!-- checked against PATH -->} must appear, line by line and in order, in that file of the project the
 * invoker builds (which may hold more lines: imports, a package, further tests). So the README shows only what a host
 * built from it compiles and runs.
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    private static final Pattern MARKED =
            Pattern.compile("<!-- checked against (\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```", Pattern.DOTALL);

    @Test
    void everyMarkedSnippetIsInTheHostProjectThatTheBuildCompilesAndRuns() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher m = MARKED.matcher(readme);
        int checked = 0;
        while (m.find()) {
            Path file = ROOT.resolve(m.group(1));
            assertThat(file).as("the file a README snippet is checked against").isRegularFile();
            List<String> snippet = lines(m.group(2));
            // The host project is filtered by the invoker; the README shows the version it gets.
            List<String> source = lines(Files.readString(file)
                    .replace("@project.version@", System.getProperty("legnext.version", "@project.version@")));
            assertThat(isSubsequence(snippet, source))
                    .as("README snippet not found, line by line, in %s:%n%s", m.group(1), m.group(2))
                    .isTrue();
            checked++;
        }
        assertThat(checked).as("marked snippets in the README").isGreaterThanOrEqualTo(4);
    }

    @Test
    void aSnippetThatTheHostDoesNotHaveIsFound() {
        List<String> source = lines("class A {\n    void run() {}\n}\n");

        assertThat(isSubsequence(lines("void run() {}"), source)).isTrue();
        assertThat(isSubsequence(lines("void walk() {}"), source)).isFalse();
        assertThat(isSubsequence(lines("}\nclass A {"), source)).isFalse();
        // A line the formatter wrapped is the same code.
        assertThat(isSubsequence(lines("a.b().c();"), lines("a.b()\n        .c();")))
                .isTrue();
        assertThat(isSubsequence(lines("a.c();"), lines("a.b()\n        .c();")))
                .isFalse();
    }

    /** The non-blank lines, without their indentation (the README indents less than the sources). */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                out.add(line.strip());
            }
        }
        return out;
    }

    /**
     * Whether every line of {@code part} appears in {@code whole}, in order, whitespace aside: the formatter may wrap a
     * README line over several source lines or align a comment differently, and that is still the same code.
     */
    private static boolean isSubsequence(List<String> part, List<String> whole) {
        String text = String.join("", whole).replaceAll("\\s+", "");
        int from = 0;
        for (String line : part) {
            String code = line.replaceAll("\\s+", "");
            int at = text.indexOf(code, from);
            if (at < 0) {
                return false;
            }
            from = at + code.length();
        }
        return true;
    }
}
