package io.legnext.app.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.legnext.core.job.JobId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The stub service of the client-overhead benchmark, run in a process of its own so that the clients' allocation
 * and GC pauses do not stall the server they are measured against. Prints {@code port=N}, then serves the task
 * given as the first argument until its standard input closes.
 */
public final class BenchStubServer {

    private BenchStubServer() {}

    /** A completed video job as the service answers a lookup: the body every benchmark lookup reads. */
    static String completedTask(JobId id) {
        return """
                {"job_id":"%s","model":"midjourney","task_type":"video_diffusion","status":"completed",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"","secret":""}},"input":null,
                 "output":{"video_urls":["https://cdn.legnext.ai/temp/1761044022619.mp4",
                 "https://cdn.legnext.ai/temp/1761044022620.mp4","https://cdn.legnext.ai/temp/1761044022621.mp4",
                 "https://cdn.legnext.ai/temp/1761044022622.mp4"],"seed":"1723670005",
                 "available_actions":{"extend":[0,1,2,3],"upscale":[0,1,2,3]}},
                 "meta":{"created_at":"2025-10-21T10:51:46Z","started_at":"2025-10-21T10:51:47Z",
                 "ended_at":"2025-10-21T10:54:22Z","usage":{"type":"point","frozen":480,"consume":480}},
                 "detail":null,"logs":[],"error":{"code":0,"message":"","raw_message":"","detail":null}}
                """.formatted(id);
    }

    /** Starts the stub in a JVM of its own, serving {@link #completedTask} for {@code id}. */
    static Process start(JobId id) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        BenchStubServer.class.getName(),
                        completedTask(id))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** The port a started stub listens on, read from its first line. */
    static int port(Process stub) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(stub.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("port=")) {
                return Integer.parseInt(line.substring("port=".length()).strip());
            }
        }
        throw new IllegalStateException("the stub server ended without saying its port");
    }

    /** Stops a started stub: it ends when its standard input closes. */
    static void stop(Process stub) throws IOException, InterruptedException {
        stub.getOutputStream().close();
        if (!stub.waitFor(10, TimeUnit.SECONDS)) {
            stub.destroyForcibly();
        }
    }

    public static void main(String[] args) throws Exception {
        WireMockServer stub = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(40)
                .jettyAcceptors(2)
                .disableRequestJournal());
        stub.start();
        stub.stubFor(get(urlPathMatching("/api/v1/job/.*"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(args[0])));
        System.out.println("port=" + stub.port());
        System.out.flush();
        // The parent closes our stdin when it is done, or dies: either way, stop.
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        stub.stop();
        System.exit(0);
    }
}
