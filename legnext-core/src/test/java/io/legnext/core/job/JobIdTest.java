package io.legnext.core.job;

import static io.legnext.core.error.Rejections.rejection;
import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.error.InvalidRequestException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdTest {

    private static final String ID = "8201cd3e-1234-4d5e-9f00-0123456789ab";

    @Test
    void parsesCanonicalUuid() {
        JobId id = JobId.parse(ID);

        assertThat(id.value()).isEqualTo(new UUID(0x8201cd3e12344d5eL, 0x9f000123456789abL));
        assertThat(id).hasToString(ID);
    }

    @Test
    void parsesUpperCaseUuidIntoTheCanonicalLowerCaseForm() {
        JobId id = JobId.parse(ID.toUpperCase(java.util.Locale.ROOT));

        assertThat(id).isEqualTo(JobId.parse(ID)).hasToString(ID);
    }

    @ParameterizedTest
    @ValueSource(strings = {" " + ID, ID + " ", ID + "\n", "\t" + ID, ID + "\u00a0", ID + "\u2003"})
    void refusesWhitespaceAroundTheIdSayingSo(String text) {
        assertThat(rejection(() -> JobId.parse("--job", text)))
                .hasMessageContaining("'--job' must be a UUID")
                .hasMessageContaining("with no spaces or line breaks around it")
                .hasMessageEndingWith("Nothing was sent.");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "   ",
                "1-2-3-4-5",
                "garbage",
                "8201cd3e12344d5e9f000123456789ab",
                "8201cd3e-1234-4d5e-9f00-0123456789a",
                "8201cd3e-1234-4d5e-9f00-0123456789abc",
                "8201cd3e-1234-4d5e-9f00-0123456789ag",
                "{8201cd3e-1234-4d5e-9f00-0123456789a}",
                "8201cd3e1-234-4d5e-9f00-0123456789ab",
                "8201cd3e-1234-4d5e-9f00-0123456789a\u0661",
                "8201cd3e-1234-4d5e-9f00-0123456789aG",
                "8201cd3e-1234-4d5e-9f00_0123456789ab"
            })
    void rejectsTextThatIsNotACanonicalUuid(String text) {
        assertThat(rejection(() -> JobId.parse(text)).field()).isEqualTo("jobId");
    }

    @Test
    void rejectionOfShortGroupsNamesTheFieldTheBoundAndTheValue() {
        assertThat(rejection(() -> JobId.parse("1-2-3-4-5")))
                .hasMessage("'jobId' must be a UUID such as 8201cd3e-1234-4d5e-9f00-0123456789ab, was '1-2-3-4-5'."
                        + " Nothing was sent.");
    }

    @Test
    void rejectionOfAbsentIdSaysItWasAbsent() {
        assertThat(rejection(() -> JobId.parse(null))).hasMessageContaining("was absent");
    }

    @Test
    void rejectionNamesTheCustomField() {
        InvalidRequestException e = rejection(() -> JobId.parse("--job", "garbage"));

        assertThat(e.field()).isEqualTo("--job");
        assertThat(e).hasMessageStartingWith("'--job' must be a UUID").hasMessageContaining("was 'garbage'");
    }

    @Test
    void parsesWithCustomFieldWhenValid() {
        assertThat(JobId.parse("--job", ID)).isEqualTo(JobId.parse(ID));
    }

    @Test
    void rejectsNullUuid() {
        assertThat(rejection(() -> new JobId(null)).field()).isEqualTo("jobId");
    }

    @Test
    void randomIdsAreVersion4UuidsThatDiffer() {
        JobId a = JobId.random();
        JobId b = JobId.random();

        assertThat(a).isNotEqualTo(b);
        assertThat(a.value().version()).isEqualTo(4);
    }

    @Test
    void rejects36CharacterTextWithMisplacedDashes() {
        assertThat(rejection(() -> JobId.parse("00000000000000001-2-3-4-000000000005"))
                        .field())
                .isEqualTo("jobId");
    }
}
