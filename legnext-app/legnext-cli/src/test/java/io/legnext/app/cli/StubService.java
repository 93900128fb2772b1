package io.legnext.app.cli;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * One WireMock server on 127.0.0.1 for every test class that needs a stub Legnext (it takes seconds to start on a
 * small machine); each test resets it.
 */
final class StubService {

    private static WireMockServer server;

    private StubService() {}

    static synchronized WireMockServer get() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options()
                    .bindAddress("127.0.0.1")
                    .dynamicPort()
                    .containerThreads(8)
                    .jettyAcceptors(1)
                    .asynchronousResponseEnabled(false));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        server.resetAll();
        return server;
    }
}
