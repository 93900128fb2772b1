package io.legnext.adapter.feign;

/** The HTTP adapter submits like the Legnext service over HTTPS and HTTP/2, as the real service is reached. */
class HttpsVideoGenerationPortContractTest extends HttpVideoGenerationPortContractTest {

    @Override
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.TLS_H2;
    }
}
