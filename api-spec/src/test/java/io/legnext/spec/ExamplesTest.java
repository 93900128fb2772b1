package io.legnext.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.spec.ExampleCatalog.ExampleCase;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example of the contract conforms to its schema. The check is stricter than the contract on
 * one point: it rejects properties a response schema does not name (swagger-request-validator's
 * additionalProperties check), so a misspelt field in an example is caught although real responses
 * may carry unknown fields.
 */
class ExamplesTest {

    private final OpenAPI api = Contract.shipped();
    private final List<ExampleCase> examples = ExampleCatalog.collect(api, LegnextApiSpec.text());

    @TestFactory
    Stream<DynamicTest> everyExampleValidatesAgainstItsSchema() {
        ExampleValidation validation = new ExampleValidation(api);
        return examples.stream()
                .map(example -> DynamicTest.dynamicTest(
                        example.location(),
                        () -> assertThat(validation.violations(example.schema(), example.value()))
                                .as("%s%n%s", example.location(), example.value())
                                .isEmpty()));
    }

    @Test
    void everyKindOfExampleIsChecked() {
        assertThat(examples)
                .extracting(ExampleCase::location)
                .anyMatch(l -> l.contains("requestBody") && l.contains("'animateImageJob'"))
                .anyMatch(l -> l.contains("response 200") && l.contains("'completedVideo'"))
                .anyMatch(l -> l.contains("response 403") && l.contains("'sensitiveContent'"))
                .anyMatch(l -> l.contains("callback"))
                .anyMatch(l -> l.contains("parameter job_id"))
                .anyMatch(l -> l.contains("header Retry-After"))
                .anyMatch(l -> l.startsWith("components.schemas.TaskOutput.video_urls"))
                .anyMatch(l -> l.startsWith("components.schemas.AvailableActions"));
    }

    @Test
    void everyNamedExampleIsUsed() {
        String text = LegnextApiSpec.text();

        assertThat(api.getComponents().getExamples().keySet())
                .allMatch(name -> text.contains("$ref: '#/components/examples/" + name + "'"));
    }

    @Test
    void getJobIllustratesTheRecordedCompletedVideoJob() {
        JsonNode completed =
                api.getComponents().getExamples().get("CompletedVideoTask").getValue() instanceof JsonNode n ? n : null;

        assertThat(completed).isNotNull();
        assertThat(completed.at("/status").asText()).isEqualTo("completed");
        assertThat(completed.at("/output/video_urls")).hasSize(4);
        assertThat(completed.at("/output/seed").asText()).isNotEmpty();
        assertThat(completed.at("/output/available_actions/extend")).hasSize(4);
        assertThat(completed.at("/meta/usage/frozen").asLong()).isEqualTo(480);
        assertThat(completed.at("/meta/usage/consume").asLong()).isEqualTo(480);
        assertThat(completed.at("/error/code").asInt()).isZero();
        assertThat(examples)
                .extracting(ExampleCase::location)
                .anyMatch(l -> l.startsWith("GET /api/v1/job/{job_id} response 200") && l.contains("'completedVideo'"));
    }

    @Test
    void getJobIllustratesEveryPhaseOfATask() {
        assertThat(api.getPaths()
                        .get("/api/v1/job/{job_id}")
                        .getGet()
                        .getResponses()
                        .get("200")
                        .getContent()
                        .get("application/json")
                        .getExamples())
                .containsKeys("processingVideo", "completedVideo", "completedImage", "failedVideo");
        assertThat(api.getComponents()
                        .getExamples()
                        .get("ProcessingVideoTask")
                        .getValue()
                        .toString())
                .contains("\"output\":null");
    }
}
