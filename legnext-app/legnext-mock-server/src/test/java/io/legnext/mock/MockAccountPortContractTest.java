package io.legnext.mock;

import io.legnext.core.port.out.AccountPort;
import io.legnext.core.port.out.contract.AccountPortContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The contract loop: the HTTP adapter reads the balance like the Legnext service against the mock server on
 * 127.0.0.1, and every answer the mock sends conforms to api-spec.
 */
class MockAccountPortContractTest extends AccountPortContract {

    private final MockFixture mock = new MockFixture(3);
    private final io.legnext.adapter.feign.LegnextHttpAdapter adapter = mock.adapter();

    @AfterEach
    void everyAnswerConformedToTheSpec() {
        mock.close();
        mock.conformance.assertEveryAnswerConformed();
    }

    @Override
    protected AccountPort accountPort() {
        return adapter;
    }
}
