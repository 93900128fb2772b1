package io.legnext.adapter.feign;

/** The HTTP adapter reads the balance like the Legnext service over HTTPS and HTTP/2, as the real service is reached. */
class HttpsAccountPortContractTest extends HttpAccountPortContractTest {

    @Override
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.TLS_H2;
    }
}
