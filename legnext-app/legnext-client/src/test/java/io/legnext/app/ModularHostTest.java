package io.legnext.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small modular host ({@code module host { requires io.legnext.client; }}) compiled and run on the module path,
 * with no {@code --add-modules}: the client's module descriptor must bring in everything it needs, and the HTTP
 * adapter's must open its generated types to Jackson and Feign.
 */
class ModularHostTest {

    /** The client's own runtime modules: everything else on the test class path stays off the module path. */
    private static final Pattern RUNTIME =
            Pattern.compile(".*(legnext-(client|core|adapter-feign)[^/]*|/classes|feign-(core|jackson|slf4j)-[^/]*"
                    + "|jackson-(core|databind|annotations|datatype-jsr310)-[^/]*|slf4j-api-[^/]*)");

    private static final Pattern FAKE = Pattern.compile(".*legnext-adapter-fake[^/]*");

    private static final String ID = "8201cd3e-1234-4d5e-9f00-0123456789ab";

    @TempDir
    Path dir;

    @Test
    void aModularHostLooksAJobUpOverHttpWithTheClientAlone() throws Exception {
        HttpServer stub = stubService();
        try {
            String out = compileAndRun(
                    false, """
                    module host {
                        requires io.legnext.client;
                    }
                    """, """
                    package host;

                    import io.legnext.app.Legnext;
                    import io.legnext.core.job.JobId;

                    public final class Main {
                        public static void main(String[] args) {
                            try (Legnext legnext = Legnext.builder().http("host-key")
                                    .baseUri(java.net.URI.create(args[0])).build()) {
                                System.out.println(legnext.getJob(JobId.parse(args[1])).status());
                            }
                        }
                    }
                    """, "http://127.0.0.1:" + stub.getAddress().getPort(), ID);

            assertThat(out).isEqualTo("completed");
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void aModularHostRunsOnTheFakeWhenItAddsTheFake() throws Exception {
        String out = compileAndRun(true, """
                module host {
                    requires io.legnext.client;
                    requires io.legnext.adapter.fake;
                }
                """, """
                package host;

                import io.legnext.app.Legnext;
                import io.legnext.core.request.ImageToVideo;
                import io.legnext.core.job.Job;
                import io.legnext.core.time.VirtualTime;
                import java.time.Duration;

                public final class Main {
                    public static void main(String[] args) throws Exception {
                        VirtualTime time = new VirtualTime();
                        try (Legnext legnext = Legnext.fake(time)) {
                            Job job = legnext.generate(ImageToVideo.of("https://example.com/cat.jpg", "a cat walks"));
                            var done = legnext.waitFor(job.id());
                            time.runUntilIdle(Duration.ofHours(1));
                            System.out.println(done.get().status() + " " + done.get().videoUrls().size());
                        }
                    }
                }
                """);

        assertThat(out).isEqualTo("completed 4");
    }

    /** Compiles the host against the module path and runs it there; answers its trimmed stdout. */
    private String compileAndRun(boolean withFake, String descriptor, String main, String... args) throws Exception {
        String modulePath = modulePath(withFake);
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("host"));
        Files.writeString(src.resolve("module-info.java"), descriptor);
        Files.writeString(src.resolve("host/Main.java"), main);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
        int compiled = javac.run(
                null,
                diagnostics,
                diagnostics,
                "--release",
                "17",
                "-Xlint:all",
                "-Werror",
                "--module-path",
                modulePath,
                "-d",
                classes.toString(),
                src.resolve("module-info.java").toString(),
                src.resolve("host/Main.java").toString());
        assertThat(compiled).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                classes + File.pathSeparator + modulePath,
                "-m",
                "host/host.Main"));
        command.addAll(List.of(args));
        // stderr apart: a host without an SLF4J provider gets SLF4J's own one-time notice there.
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(() -> out + readQuietly(err)).isZero();
        return out.strip();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** The client, its runtime dependencies and, when asked, the fake: taken from this test's own class path. */
    private static String modulePath(boolean withFake) {
        List<String> entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        String path = entries.stream()
                .filter(e -> !e.contains("test-classes") && !e.endsWith("-tests.jar"))
                .filter(e -> RUNTIME.matcher(e).matches()
                        || withFake && FAKE.matcher(e).matches())
                .collect(Collectors.joining(File.pathSeparator));
        assertThat(path)
                .as("the module path from %s", entries)
                .contains("legnext-adapter-feign")
                .contains("jackson-databind")
                .contains("feign-core");
        return path;
    }

    private static HttpServer stubService() throws IOException {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/api/v1/job/" + ID, exchange -> {
            byte[] body = ("{\"job_id\":\"" + ID + "\",\"task_type\":\"video_diffusion\",\"status\":\"completed\","
                            + "\"output\":{\"video_urls\":[\"https://cdn.legnext.ai/temp/1.mp4\"],\"seed\":\"1\"},"
                            + "\"meta\":{\"created_at\":\"2025-10-21T10:51:46Z\",\"usage\":{\"type\":\"point\",\"frozen\":480,"
                            + "\"consume\":480}},\"error\":{\"code\":0,\"message\":\"\"}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        stub.start();
        return stub;
    }
}
