package io.legnext.adapter.feign;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static io.legnext.adapter.feign.HttpVideoGenerationPortContractTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The account id is an integer in the vendor's documents and in the contract; legnext keeps it as opaque text, so
 * an id sent as a string reads too.
 */
class BalanceReadingTest {

    @BeforeEach
    void freshStub() {
        StubLegnext.reset();
    }

    @ParameterizedTest(name = "account_id {0} reads as \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {"52           | 52", "1            | 1", "'\"10482\"'  | 10482", "'\"acct-1\"' | acct-1"})
    void theAccountIdIsReadAsAnIntegerOrAString(String wire, String expected) {
        StubLegnext.stub(get("/api/account/balance").willReturn(json(200, """
                {"code":200,"message":"success","data":{"account_id":%s,"balance_usd":12.345,
                 "available_credits":10000,"available_points":2345,"alert_threshold":5,"low_balance_alert":false,
                 "updated_at":"2025-10-21T10:51:46.123456789Z"}}
                """.formatted(wire))));

        assertThat(StubLegnext.adapter().build().getBalance().accountId()).isEqualTo(expected);
    }
}
