package io.legnext.adapter.feign;

/** The HTTP adapter looks jobs up like the Legnext service over HTTPS and HTTP/2, as the real service is reached. */
class HttpsJobQueryPortContractTest extends HttpJobQueryPortContractTest {

    @Override
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.TLS_H2;
    }
}
