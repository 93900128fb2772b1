package io.legnext.adapter.feign;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.spec.LegnextApiSpec;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract and the mapper agree on every field of the task object: a property added to the spec without a
 * decision in {@link TaskMapper} (map it, or say why not) fails the build here.
 */
class TaskSchemaAgreementTest {

    @Test
    void everyTaskPropertyInTheContractIsMappedOrDeliberatelyIgnored() {
        Set<String> inSpec = taskPropertyPaths();
        assertThat(inSpec)
                .as("the walk reaches nested properties")
                .contains("job_id", "output.video_urls", "meta.usage.consume", "config.webhook_config.endpoint");

        Set<String> decided = new TreeSet<>(TaskMapper.TASK_FIELDS_MAPPED);
        decided.addAll(TaskMapper.TASK_FIELDS_IGNORED.keySet());

        assertThat(new TreeSet<>(inSpec)).as("task properties in the contract").isEqualTo(decided);
    }

    @Test
    void noFieldIsBothMappedAndIgnored() {
        assertThat(TaskMapper.TASK_FIELDS_MAPPED).doesNotContainAnyElementsOf(TaskMapper.TASK_FIELDS_IGNORED.keySet());
    }

    static Set<String> taskPropertyPaths() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser()
                .readContents(LegnextApiSpec.text(), null, options)
                .getOpenAPI();
        Set<String> paths = new TreeSet<>();
        collect(api, api.getComponents().getSchemas().get("Task"), "", paths);
        return paths;
    }

    @SuppressWarnings("rawtypes")
    private static void collect(OpenAPI api, Schema<?> schema, String prefix, Set<String> out) {
        Schema<?> resolved = resolve(api, schema);
        if (resolved == null || resolved.getProperties() == null) {
            return;
        }
        for (Map.Entry<String, Schema> e : resolved.getProperties().entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            out.add(path);
            Schema<?> child = resolve(api, e.getValue());
            // Maps (available_actions) and free-form objects end the walk: their keys are data, not fields.
            if (child != null
                    && child.getProperties() != null
                    && !child.getProperties().isEmpty()) {
                collect(api, child, path, out);
            }
        }
    }

    private static Schema<?> resolve(OpenAPI api, Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.get$ref() != null) {
            String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
            return resolve(api, api.getComponents().getSchemas().get(name));
        }
        if (schema.getAllOf() != null && schema.getAllOf().size() == 1) {
            return resolve(api, schema.getAllOf().get(0));
        }
        return schema;
    }
}
