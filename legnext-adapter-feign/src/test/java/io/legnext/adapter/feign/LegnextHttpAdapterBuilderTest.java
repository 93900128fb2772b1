package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegnextHttpAdapterBuilderTest {

    @BeforeEach
    void stubBalance() {
        StubLegnext.reset();
        StubLegnext.stub(get("/api/account/balance").willReturn(json(200, Payloads.balance())));
    }

    @Test
    void everyRequestNamesTheLibraryVersionAndTheJavaVersion() {
        StubLegnext.adapter().build().getBalance();

        assertThat(StubLegnext.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("User-Agent"))
                        .startsWith("legnext-java/")
                        .doesNotContain("unknown")
                        .contains("Java " + System.getProperty("java.version")));
    }

    @Test
    void aHostApplicationNameGoesFirstInTheUserAgent() {
        StubLegnext.adapter().applicationName("render-farm/2.1").build().getBalance();

        assertThat(StubLegnext.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.getHeader("User-Agent")).startsWith("render-farm/2.1 legnext-java/"));
    }

    @Test
    void theKeyIsSentOnceInItsHeader() {
        StubLegnext.adapter().build().getBalance();

        assertThat(StubLegnext.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.getHeaders().getHeader("x-api-key").values())
                        .containsExactly(StubLegnext.VALID_KEY));
    }

    @Test
    void aBaseUrlWithAPathPrefixOrTrailingSlashIsHonoured() {
        StubLegnext.stub(get("/proxy/api/account/balance").willReturn(json(200, Payloads.balance())));

        StubLegnext.adapter()
                .baseUri(URI.create(StubLegnext.baseUri() + "/proxy/"))
                .build()
                .getBalance();

        assertThat(StubLegnext.requestCount("GET", "/proxy/api/account/balance"))
                .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.legnext.ai", "api.legnext.ai", "/relative"})
    void rejectsABaseUrlThatIsNotAbsoluteHttp(String uri) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LegnextHttpAdapter.builder(ApiKey.of("k")).baseUri(URI.create(uri)))
                .withMessageContaining("'baseUri'");
    }

    @Test
    void rejectsABaseUrlWithAQueryStringNamingTheBoundAndTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        LegnextHttpAdapter.builder(ApiKey.of("k")).baseUri(URI.create("https://api.legnext.ai?k=zz")))
                .withMessage("'baseUri' must be a URL without a query string (it would be sent on with every"
                        + " request), was https://api.legnext.ai?k=zz");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.legnext.ai/?", "http://127.0.0.1:8080/proxy?region=eu"})
    void rejectsEveryBaseUrlWithAQuery(String uri) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LegnextHttpAdapter.builder(ApiKey.of("k")).baseUri(URI.create(uri)))
                .withMessageStartingWith("'baseUri' must be a URL without a query string");
    }

    @Test
    void rejectsABaseUrlWithAFragment() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        LegnextHttpAdapter.builder(ApiKey.of("k")).baseUri(URI.create("https://api.legnext.ai/#top")))
                .withMessage("'baseUri' must be a URL without a fragment, was https://api.legnext.ai/#top");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://ops:s3cret-pw@api.legnext.ai", "https://s3cret-pw@api.legnext.ai/v"})
    void rejectsABaseUrlWithCredentialsWithoutShowingThem(String uri) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LegnextHttpAdapter.builder(ApiKey.of("k")).baseUri(URI.create(uri)))
                .withMessageStartingWith("'baseUri' must be a URL without credentials")
                .withMessageContaining("was https://[redacted]@api.legnext.ai")
                .withMessageNotContaining("s3cret-pw");
    }

    @Test
    void aBaseUrlThatIsNotHttpIsShownWithoutItsCredentials() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LegnextHttpAdapter.builder(ApiKey.of("k"))
                        .baseUri(URI.create("ftp://ops:s3cret-pw@files.example.com")))
                .withMessage("'baseUri' must be an absolute http or https URL, was ftp://[redacted]@files.example.com");
    }

    @Test
    void rejectsTimeoutsThatAreNotPositive() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LegnextHttpAdapter.builder(ApiKey.of("k")).requestTimeout(Duration.ZERO))
                .withMessageContaining("'requestTimeout' must be positive");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LegnextHttpAdapter.builder(ApiKey.of("k")).connectTimeout(Duration.ofSeconds(-1)))
                .withMessageContaining("'connectTimeout' must be positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "has space", "tab\tkey", "ключ"})
    void rejectsKeysAHeaderCannotCarry(String key) {
        assertThatIllegalArgumentException().isThrownBy(() -> ApiKey.of(key)).withMessageContaining("'apiKey'");
    }

    @Test
    void theKeyAndTheAdapterPrintWithoutTheKey() {
        ApiKey key = ApiKey.of("lk_print_me_not");

        assertThat(key).hasToString("ApiKey[redacted]");
        assertThat(LegnextHttpAdapter.builder(key).build().toString())
                .doesNotContain("lk_print_me_not")
                .contains("https://api.legnext.ai");
    }
}
