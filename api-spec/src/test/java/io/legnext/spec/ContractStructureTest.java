package io.legnext.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shape of the contract: what the generated client and its users rely on. */
class ContractStructureTest {

    private static final List<String> ERROR_STATUSES = List.of("400", "401", "402", "403", "404", "413", "422", "429");

    private final OpenAPI api = Contract.shipped();

    @Test
    void parsesWithoutAnyParserOrValidationMessage() {
        SwaggerParseResult result = Contract.parse(LegnextApiSpec.text());

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
    }

    @Test
    void isAnOpenApi303DocumentForTheLegnextServer() {
        assertThat(api.getOpenapi()).isEqualTo("3.0.3");
        assertThat(api.getServers()).extracting(s -> s.getUrl()).containsExactly("https://api.legnext.ai");
    }

    @ParameterizedTest(name = "{0} {1} is {2} tagged {3}")
    @CsvSource({
        "POST, /api/v1/video-diffusion, createVideoDiffusion, Video",
        "POST, /api/v1/extend-video,    extendVideo,          Video",
        "POST, /api/v1/video-upscale,   upscaleVideo,         Video",
        "GET,  /api/v1/job/{job_id},    getJob,               Jobs",
        "GET,  /api/account/balance,    getAccountBalance,    Account"
    })
    void declaresEachOperationWithItsIdTagSummaryAndDescription(
            HttpMethod method, String path, String operationId, String tag) {
        Operation op = operation(method, path);

        assertThat(op.getOperationId()).isEqualTo(operationId);
        assertThat(op.getTags()).containsExactly(tag);
        assertThat(op.getSummary()).isNotBlank();
        assertThat(op.getDescription()).isNotBlank();
    }

    @Test
    void declaresNoOtherOperations() {
        List<String> ids = new ArrayList<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> ids.add(op.getOperationId())));

        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "createVideoDiffusion", "extendVideo", "upscaleVideo", "getJob", "getAccountBalance");
    }

    @Test
    void authenticatesEveryOperationWithOneGlobalApiKeyHeader() {
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("ApiKeyAuth");
        SecurityScheme scheme = api.getComponents().getSecuritySchemes().get("ApiKeyAuth");
        assertThat(scheme.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(scheme.getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(scheme.getName()).isEqualTo("x-api-key");

        assertThat(api.getSecurity()).hasSize(1);
        assertThat(api.getSecurity().get(0)).containsOnlyKeys("ApiKeyAuth");
        assertThat(operations())
                .allSatisfy(op ->
                        assertThat(op.getSecurity()).as(op.getOperationId()).isNull());
    }

    @Test
    void neverDeclaresTheApiKeyAsAParameter() {
        assertThat(operations())
                .flatExtracting(op -> op.getParameters() == null ? List.<Parameter>of() : op.getParameters())
                .extracting(p -> p.getName().toLowerCase(java.util.Locale.ROOT))
                .doesNotContain("x-api-key");
    }

    @Test
    void getJobTakesTheJobIdAsARequiredUuidPathParameter() {
        Parameter jobId = operation(HttpMethod.GET, "/api/v1/job/{job_id}")
                .getParameters()
                .get(0);

        assertThat(jobId.getName()).isEqualTo("job_id");
        assertThat(jobId.getIn()).isEqualTo("path");
        assertThat(jobId.getRequired()).isTrue();
        assertThat(jobId.getSchema().getFormat()).isEqualTo("uuid");
    }

    @Test
    void namesEverySchemaSpecifically() {
        assertThat(api.getComponents().getSchemas().keySet())
                .contains(
                        "VideoDiffusionRequest",
                        "ExtendVideoRequest",
                        "VideoUpscaleRequest",
                        "Task",
                        "TaskConfig",
                        "WebhookConfig",
                        "TaskOutput",
                        "AvailableActions",
                        "TaskMeta",
                        "TaskUsage",
                        "TaskError",
                        "ErrorResponse",
                        "WrappedErrorResponse",
                        "WrappedError",
                        "TaskShapedError",
                        "AccountBalanceResponse",
                        "AccountBalance")
                .noneMatch(name -> name.equals("ApiResponse")
                        || name.equals("Data")
                        || name.startsWith("InlineObject")
                        || name.matches(".*\\d{3}Response"));
    }

    @Test
    void everyBodyReferencesANamedSchema() {
        List<String> inline = new ArrayList<>();
        forEachBodySchema((where, schema) -> {
            if (schema == null || schema.get$ref() == null) {
                inline.add(where);
            }
        });

        assertThat(inline).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/api/v1/video-diffusion", "/api/v1/extend-video", "/api/v1/video-upscale"})
    void everySubmitDocumentsEveryErrorStatusAndServerErrors(String path) {
        Map<String, ApiResponse> responses = operation(HttpMethod.POST, path).getResponses();

        assertThat(responses).containsKeys(ERROR_STATUSES.toArray(String[]::new));
        assertThat(responses.keySet()).anyMatch(code -> code.startsWith("5") || code.equals("default"));
        assertThat(responses.get("200").get$ref()).isEqualTo("#/components/responses/SubmittedTask");
    }

    @Test
    void tooManyRequestsMayCarryAnOptionalRetryAfterHeader() {
        ApiResponse tooMany = api.getComponents().getResponses().get("TooManyRequests");
        var header = api.getComponents().getHeaders().get("RetryAfter");

        assertThat(tooMany.getHeaders().get("Retry-After").get$ref()).isEqualTo("#/components/headers/RetryAfter");
        assertThat(header.getRequired()).isNotEqualTo(Boolean.TRUE);
        assertThat(header.getDescription()).containsIgnoringCase("not").containsIgnoringCase("guaranteed");
    }

    @Test
    void requestSchemasAreCamelCaseAndRejectUnknownProperties() {
        assertThat(requestSchemas())
                .contains("VideoDiffusionRequest", "ExtendVideoRequest", "VideoUpscaleRequest")
                .allSatisfy(name -> {
                    Schema<?> schema = schema(name);
                    assertThat(schema.getAdditionalProperties()).as(name).isEqualTo(Boolean.FALSE);
                    assertThat(schema.getProperties().keySet()).as(name).allMatch(p -> p.matches("[a-z][A-Za-z]*"));
                });
        assertThat(schema("ExtendVideoRequest").getRequired()).containsExactlyInAnyOrder("jobId", "videoNo");
        assertThat(schema("VideoUpscaleRequest").getRequired()).containsExactlyInAnyOrder("jobId", "videoNo");
    }

    @Test
    void videoDiffusionRequestIsOneFlatObjectWithAnExamplePerMode() {
        Schema<?> request = schema("VideoDiffusionRequest");

        assertThat(request.getOneOf()).isNull();
        assertThat(request.getAllOf()).isNull();
        assertThat(request.getRequired()).isNullOrEmpty();
        assertThat(request.getProperties()).containsOnlyKeys("prompt", "videoType", "callback", "jobId", "imageNo");
        Schema<?> videoType = request.getProperties().get("videoType");
        assertThat(List.<Object>copyOf(videoType.getEnum())).containsExactly(0, 1);
        assertThat(videoType.getDefault()).isEqualTo(0);
        assertThat(operation(HttpMethod.POST, "/api/v1/video-diffusion")
                        .getRequestBody()
                        .getContent()
                        .get("application/json")
                        .getExamples())
                .containsOnlyKeys("textPrompt", "imageUrlPrompt", "animateImageJob");
    }

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void videoDiffusionRequestNeedsAPromptOrAnImageJobAndImageNo() {
        List<Schema> alternatives = schema("VideoDiffusionRequest").getAnyOf();

        assertThat(alternatives)
                .extracting(alternative -> Set.copyOf(alternative.getRequired()))
                .containsExactly(Set.of("prompt"), Set.of("jobId", "imageNo"));
        // Alternatives that only require keep the generated request one flat class with every property.
        assertThat(alternatives).allSatisfy(alternative -> {
            assertThat(alternative.getProperties()).isNull();
            assertThat(alternative.get$ref()).isNull();
        });
    }

    @Test
    void aTaskJobIdIsAUuidWhileTheTaskShapedErrorCarriesPlainText() {
        Schema<?> taskJobId = schema("Task").getProperties().get("job_id");
        Schema<?> errorJobId = schema("TaskShapedError").getProperties().get("job_id");

        assertThat(taskJobId.getFormat()).isEqualTo("uuid");
        assertThat(errorJobId.getType()).isEqualTo("string");
        assertThat(errorJobId.getFormat()).isNull();
        assertThat(schema("TaskShapedError").getProperties().keySet())
                .as("the task-shaped error has the properties of a task")
                .containsExactlyInAnyOrderElementsOf(
                        schema("Task").getProperties().keySet());
    }

    @Test
    void theAccountIdIsAnInteger() {
        Schema<?> accountId = schema("AccountBalance").getProperties().get("account_id");

        assertThat(accountId.getType()).isEqualTo("integer");
        assertThat(api.getComponents()
                        .getExamples()
                        .get("AccountBalanceExample")
                        .getValue()
                        .toString())
                .contains("\"account_id\":52");
    }

    @Test
    void responseSchemasRequireNothingAndAcceptUnknownProperties() {
        List<String> offending = new ArrayList<>();
        api.getComponents().getSchemas().forEach((name, schema) -> {
            if (!requestSchemas().contains(name)) {
                collectClosedOrRequired("components.schemas." + name, schema, offending);
            }
        });

        assertThat(offending).isEmpty();
    }

    @Test
    void taskTypeAndStatusAreOpenStringsListingTheKnownValues() {
        var task = schema("Task").getProperties();

        for (String name : List.of("task_type", "status")) {
            Schema<?> open = task.get(name);
            assertThat(open.getType()).as(name).isEqualTo("string");
            assertThat(open.getEnum()).as(name).isNull();
        }
        assertThat(task.get("task_type").getDescription())
                .contains(
                        "video_diffusion",
                        "video-diffusion",
                        "extend_video",
                        "extend-video",
                        "video_upscale",
                        "video-upscale");
        assertThat(task.get("status").getDescription())
                .contains("pending", "staged", "processing", "completed", "failed");
    }

    @Test
    void timestampsArePlainStringsBecauseEmptyAndZeroValuesOccur() {
        assertThat(Stream.of("created_at", "started_at", "ended_at")
                        .map(schema("TaskMeta").getProperties()::get))
                .allSatisfy(s -> {
                    assertThat(s.getType()).isEqualTo("string");
                    assertThat(s.getFormat()).isNull();
                    assertThat(s.getDescription()).contains("RFC 3339", "\"\"", "0001-01-01T00:00:00Z");
                });
    }

    @Test
    void errorBodiesAdmitTheFlatWrappedAndTaskShapes() {
        assertThat(schema("ErrorBody").getAnyOf().stream().map(s -> s.get$ref()).toList())
                .containsExactly(
                        "#/components/schemas/ErrorResponse",
                        "#/components/schemas/WrappedErrorResponse",
                        "#/components/schemas/TaskShapedError");
        assertThat(api.getComponents()
                        .getExamples()
                        .get("TaskShapedForbidden")
                        .getValue()
                        .toString())
                .contains("\"job_id\":\"\"", "\"status\":\"failed\"");
    }

    private void collectClosedOrRequired(String where, Schema<?> schema, List<String> offending) {
        if (schema == null || schema.get$ref() != null) {
            return;
        }
        if (Boolean.FALSE.equals(schema.getAdditionalProperties())) {
            offending.add(where + " sets additionalProperties: false");
        }
        if (schema.getRequired() != null && !schema.getRequired().isEmpty()) {
            offending.add(where + " requires " + schema.getRequired());
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((n, p) -> collectClosedOrRequired(where + "." + n, p, offending));
        }
        collectClosedOrRequired(where + "[items]", schema.getItems(), offending);
    }

    private void forEachBodySchema(BiConsumer<String, Schema<?>> action) {
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                    String where = method + " " + path;
                    if (op.getRequestBody() != null) {
                        op.getRequestBody()
                                .getContent()
                                .forEach((type, mt) -> action.accept(where + " request", mt.getSchema()));
                    }
                    op.getResponses().forEach((code, response) -> {
                        ApiResponse r = response.get$ref() == null
                                ? response
                                : api.getComponents()
                                        .getResponses()
                                        .get(response.get$ref().substring("#/components/responses/".length()));
                        if (r.getContent() != null) {
                            r.getContent().forEach((type, mt) -> action.accept(where + " " + code, mt.getSchema()));
                        }
                    });
                }));
    }

    private Operation operation(HttpMethod method, String path) {
        PathItem item = api.getPaths().get(path);
        assertThat(item).as(path).isNotNull();
        Operation op = item.readOperationsMap().get(method);
        assertThat(op).as(method + " " + path).isNotNull();
        return op;
    }

    private List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        api.getPaths().values().forEach(item -> all.addAll(item.readOperations()));
        return all;
    }

    private Schema<?> schema(String name) {
        Schema<?> schema = api.getComponents().getSchemas().get(name);
        assertThat(schema).as(name).isNotNull();
        return schema;
    }

    /** The schemas of request bodies, read from the operations: a new operation's body joins without a list to edit. */
    private Set<String> requestSchemas() {
        Set<String> names = new java.util.TreeSet<>();
        api.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(op -> {
                    if (op.getRequestBody() != null) {
                        op.getRequestBody().getContent().values().forEach(media -> {
                            String ref = media.getSchema().get$ref();
                            assertThat(ref)
                                    .as("a request body is a named schema")
                                    .isNotNull();
                            names.add(ref.substring(ref.lastIndexOf('/') + 1));
                        });
                    }
                }));
        return names;
    }
}
