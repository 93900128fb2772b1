package io.legnext.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Parses OpenAPI documents the way every test in this module does: swagger-parser, refs resolved. */
final class Contract {

    private static OpenAPI shipped;

    private Contract() {}

    /** Parses a YAML or JSON document; the result carries every parse and validation message. */
    static SwaggerParseResult parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }

    /** The shipped contract, parsed once; fails if the parser reports anything. */
    static synchronized OpenAPI shipped() {
        if (shipped == null) {
            SwaggerParseResult result = parse(LegnextApiSpec.text());
            if (result.getOpenAPI() == null || !result.getMessages().isEmpty()) {
                throw new IllegalStateException("The contract does not parse cleanly: " + result.getMessages());
            }
            shipped = result.getOpenAPI();
        }
        return shipped;
    }

    /** The violations of {@code json} against the shipped contract's schema {@code schemaName}; empty if valid. */
    static List<String> violations(String schemaName, String json) {
        Schema<?> ref = new Schema<>().$ref("#/components/schemas/" + schemaName);
        JsonNode value;
        try {
            value = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ExampleValidation(shipped()).violations(ref, value);
    }

    /** Reads a test resource as UTF-8 text. */
    static String testResource(String name) {
        try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
