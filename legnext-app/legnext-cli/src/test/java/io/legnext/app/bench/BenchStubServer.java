package io.legnext.app.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The stub service of the client-overhead benchmark, run in a process of its own so that the clients' allocation
 * and GC pauses do not stall the server they are measured against. Prints {@code port=N}, then serves the task
 * given as the first argument until its standard input closes.
 */
public final class BenchStubServer {

    private BenchStubServer() {}

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
