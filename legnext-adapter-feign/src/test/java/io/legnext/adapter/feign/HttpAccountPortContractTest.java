package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;

import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.contract.AccountPortContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The HTTP adapter reads the balance like the Legnext service, against a stub of it on 127.0.0.1. */
class HttpAccountPortContractTest extends AccountPortContract {

    private LegnextHttpAdapter adapter;

    /** How this suite reaches the stub; a subclass runs it all again over another transport. */
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.PLAIN;
    }

    @BeforeEach
    void stubTheService() {
        StubLegnext.reset();
        StubLegnext.stub(get("/api/account/balance").willReturn(json(200, Payloads.balance())));
        adapter = StubLegnext.adapter(transport()).build();
    }

    @AfterEach
    void everyRequestMatchedTheContract() {
        StubLegnext.assertEveryRequestMatchesTheContract();
        StubLegnext.assertEveryRequestCameOver(transport());
    }

    @Override
    protected AccountPort accountPort() {
        return adapter;
    }
}
