package io.legnext.spec;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;

/**
 * Checks a JSON value against a schema of a document with swagger-request-validator's
 * {@link SchemaValidator} ($refs resolved against the document's components).
 */
final class ExampleValidation {

    private final SchemaValidator validator;

    ExampleValidation(OpenAPI api) {
        this.validator = new SchemaValidator(api, new MessageResolver());
    }

    /** The error messages for {@code value} against {@code schema}; empty when it conforms. */
    List<String> violations(Schema<?> schema, JsonNode value) {
        ValidationReport report = validator.validate(() -> value, schema, "example");
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
