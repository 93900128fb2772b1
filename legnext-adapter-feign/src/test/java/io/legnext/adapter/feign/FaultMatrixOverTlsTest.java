package io.legnext.adapter.feign;

/**
 * Every fault of {@link FaultMatrixTest} over HTTPS and HTTP/2, as the real service is reached: the same exceptions,
 * the same number of requests, a submit never sent twice once it may have arrived.
 */
class FaultMatrixOverTlsTest extends FaultMatrixTest {

    @Override
    protected StubLegnext.Transport transport() {
        return StubLegnext.Transport.TLS_H2;
    }
}
