package io.legnext.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.spec.ExampleCatalog.ExampleCase;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks of this module reject what they should: they are not vacuous. */
class ChecksCanFailTest {

    @Test
    void theParserReportsEveryDefectOfABrokenDocument() {
        SwaggerParseResult result = Contract.parse(Contract.testResource("invalid/broken-contract.yaml"));

        assertThat(result.getMessages())
                .anyMatch(m -> m.contains("info.version is missing"))
                .anyMatch(m -> m.contains("operationid is unexpected"))
                .anyMatch(m -> m.contains("required value should be true"))
                .anyMatch(m -> m.contains("#/components/schemas/Missing is missing"));
    }

    @Test
    void theExampleCheckRejectsExamplesViolatingTheirSchemas() {
        String document = Contract.testResource("invalid/examples-violating-their-schemas.yaml");
        SwaggerParseResult parsed = Contract.parse(document);
        assertThat(parsed.getMessages())
                .as("the document itself is well-formed")
                .isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        ExampleValidation validation = new ExampleValidation(api);

        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (ExampleCase example : ExampleCatalog.collect(api, document)) {
            violations.put(example.location(), validation.violations(example.schema(), example.value()));
        }

        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, "'videoNoOutOfRange'"),
                        v -> assertThat(v).anyMatch(m -> m.contains("maximum")));
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, "'emptyPrompt'"), v -> assertThat(v).anyMatch(m -> m.contains("minLength")));
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, "'snakeCaseField'"), v -> assertThat(v).anyMatch(m -> m.contains("job_id")));
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, "'misspelledField'"),
                        v -> assertThat(v).anyMatch(m -> m.contains("video_url")));
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, ".frozen example"), v -> assertThat(v).anyMatch(m -> m.contains("string")));
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, ".done example"), v -> assertThat(v).anyMatch(m -> m.contains("string")));
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, "parameter X-Trace example"),
                        v -> assertThat(v).isNotEmpty());
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, "'validExtend'"), v -> assertThat(v).isEmpty());
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, "'validTask'"), v -> assertThat(v).isEmpty());
        assertThat(violations)
                .hasEntrySatisfying(
                        key(violations, ".prompt example"), v -> assertThat(v).isEmpty());
    }

    @Test
    void anOutOfRangeVideoNoIsInvalidAgainstTheShippedContract() {
        assertThat(violations(
                        "ExtendVideoRequest", "{\"jobId\":\"8201cd3e-5f0a-4c1e-9d3b-2a7c6e9f1b40\",\"videoNo\":7}"))
                .anyMatch(m -> m.contains("maximum"));
    }

    @Test
    void anEmptyPromptIsInvalidAgainstTheShippedContract() {
        assertThat(violations("VideoDiffusionRequest", "{\"prompt\":\"\"}")).anyMatch(m -> m.contains("minLength"));
    }

    @Test
    void anUnknownRequestFieldIsInvalidAgainstTheShippedContract() {
        assertThat(violations(
                        "VideoUpscaleRequest", "{\"job_id\":\"8201cd3e-5f0a-4c1e-9d3b-2a7c6e9f1b40\",\"videoNo\":0}"))
                .anyMatch(m -> m.contains("job_id"));
    }

    @Test
    void anErrorBodyOfNoKnownShapeIsInvalidAgainstTheShippedContract() {
        assertThat(violations("ErrorBody", "{\"code\":\"oops\"}")).isNotEmpty();
    }

    private static List<String> violations(String schemaName, String json) {
        return Contract.violations(schemaName, json);
    }

    private static String key(Map<String, ?> map, String fragment) {
        return map.keySet().stream()
                .filter(k -> k.contains(fragment))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no example at a location containing " + fragment + " in " + map.keySet()));
    }
}
