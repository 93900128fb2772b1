package io.legnext.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.callbacks.Callback;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Every example of a document paired with the schema it illustrates: examples of parameters,
 * headers, request and response bodies (inline or {@code $ref} to components/examples, callbacks
 * included) and schema-level {@code example}s of component schemas and their nested schemas.
 *
 * <p>Schemas come from the parsed model; example values come from the raw document, because
 * swagger-parser silently drops or coerces an example that does not fit its schema's type (an
 * integer property with {@code example: four} parses as "no example", {@code maybe} as {@code false}).
 */
final class ExampleCatalog {

    /** One example, where it was found, and the schema it must satisfy. */
    record ExampleCase(String location, Schema<?> schema, JsonNode value) {
        @Override
        public String toString() {
            return location;
        }
    }

    private final Components components;
    private final JsonNode root;
    private final List<ExampleCase> cases = new ArrayList<>();

    private ExampleCatalog(OpenAPI api, JsonNode root) {
        this.components = Objects.requireNonNullElseGet(api.getComponents(), Components::new);
        this.root = root;
    }

    /** Collects the examples of {@code document}, whose parsed form is {@code api}. */
    static List<ExampleCase> collect(OpenAPI api, String document) {
        JsonNode root;
        try {
            root = Yaml.mapper().readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExampleCatalog catalog = new ExampleCatalog(api, root);
        catalog.walk(api);
        return List.copyOf(catalog.cases);
    }

    private void walk(OpenAPI api) {
        JsonNode raw = root.path("components");
        if (api.getPaths() != null) {
            api.getPaths()
                    .forEach((path, item) ->
                            walkPathItem(path, item, root.path("paths").path(path), true));
        }
        each(
                components.getParameters(),
                (n, p) -> walkParameter(
                        "components.parameters." + n, p, raw.path("parameters").path(n)));
        each(
                components.getHeaders(),
                (n, h) -> walkHeader(
                        "components.headers." + n, h, raw.path("headers").path(n)));
        each(
                components.getRequestBodies(),
                (n, b) -> walkRequestBody(
                        "components.requestBodies." + n,
                        b,
                        raw.path("requestBodies").path(n)));
        each(
                components.getResponses(),
                (n, r) -> walkResponse(
                        "components.responses." + n, r, raw.path("responses").path(n)));
        each(
                components.getCallbacks(),
                (n, c) -> walkCallback(
                        "components.callbacks." + n, c, raw.path("callbacks").path(n)));
        each(
                components.getSchemas(),
                (n, s) -> walkSchema(
                        "components.schemas." + n, s, raw.path("schemas").path(n)));
    }

    private void walkPathItem(String location, PathItem item, JsonNode raw, boolean methodFirst) {
        walkParameters(location, item.getParameters(), raw);
        item.readOperationsMap()
                .forEach((method, op) -> walkOperation(
                        methodFirst ? method + " " + location : location + " " + method,
                        op,
                        raw.path(method.name().toLowerCase(java.util.Locale.ROOT))));
    }

    private void walkOperation(String location, Operation op, JsonNode raw) {
        walkParameters(location, op.getParameters(), raw);
        if (op.getRequestBody() != null) {
            walkRequestBody(location + " requestBody", op.getRequestBody(), raw.path("requestBody"));
        }
        each(
                op.getResponses(),
                (code, r) -> walkResponse(
                        location + " response " + code, r, raw.path("responses").path(code)));
        each(
                op.getCallbacks(),
                (name, c) -> walkCallback(
                        location + " callback " + name, c, raw.path("callbacks").path(name)));
    }

    private void walkParameters(String location, List<Parameter> parameters, JsonNode raw) {
        if (parameters != null) {
            for (int i = 0; i < parameters.size(); i++) {
                walkParameter(
                        location + " parameter",
                        parameters.get(i),
                        raw.path("parameters").path(i));
            }
        }
    }

    private void walkCallback(String location, Callback callback, JsonNode raw) {
        Callback c = callback.get$ref() == null ? callback : component(components.getCallbacks(), callback.get$ref());
        JsonNode r = deref(raw);
        c.forEach((expression, item) -> walkPathItem(location + " " + expression, item, r.path(expression), false));
    }

    private void walkParameter(String location, Parameter parameter, JsonNode raw) {
        Parameter p =
                parameter.get$ref() == null ? parameter : component(components.getParameters(), parameter.get$ref());
        JsonNode r = deref(raw);
        String where = location + " " + p.getName();
        addExamples(where, p.getSchema(), r);
        if (p.getContent() != null) {
            walkContent(where, p.getContent(), r.path("content"));
        }
    }

    private void walkHeader(String location, Header header, JsonNode raw) {
        Header h = header.get$ref() == null ? header : component(components.getHeaders(), header.get$ref());
        JsonNode r = deref(raw);
        addExamples(location, h.getSchema(), r);
        if (h.getContent() != null) {
            walkContent(location, h.getContent(), r.path("content"));
        }
    }

    private void walkRequestBody(String location, RequestBody body, JsonNode raw) {
        RequestBody b = body.get$ref() == null ? body : component(components.getRequestBodies(), body.get$ref());
        if (b.getContent() != null) {
            walkContent(location, b.getContent(), deref(raw).path("content"));
        }
    }

    private void walkResponse(String location, ApiResponse response, JsonNode raw) {
        ApiResponse r =
                response.get$ref() == null ? response : component(components.getResponses(), response.get$ref());
        JsonNode rr = deref(raw);
        each(
                r.getHeaders(),
                (name, h) -> walkHeader(
                        location + " header " + name, h, rr.path("headers").path(name)));
        if (r.getContent() != null) {
            walkContent(location, r.getContent(), rr.path("content"));
        }
    }

    private void walkContent(String location, Content content, JsonNode raw) {
        content.forEach((type, mt) -> addExamples(location + " " + type, mt.getSchema(), raw.path(type)));
    }

    private void walkSchema(String location, Schema<?> schema, JsonNode raw) {
        if (schema == null || schema.get$ref() != null) {
            return; // referenced schemas are walked once, under components.schemas
        }
        if (raw.has("example")) {
            add(location + " example", schema, raw.get("example"));
        }
        each(
                schema.getProperties(),
                (name, p) -> walkSchema(
                        location + "." + name, p, raw.path("properties").path(name)));
        walkSchema(location + "[items]", schema.getItems(), raw.path("items"));
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            walkSchema(location + "{additionalProperties}", additional, raw.path("additionalProperties"));
        }
        walkAll(location + ".allOf", schema.getAllOf(), raw.path("allOf"));
        walkAll(location + ".anyOf", schema.getAnyOf(), raw.path("anyOf"));
        walkAll(location + ".oneOf", schema.getOneOf(), raw.path("oneOf"));
        walkSchema(location + ".not", schema.getNot(), raw.path("not"));
    }

    private void walkAll(String location, List<?> schemas, JsonNode raw) {
        if (schemas != null) {
            for (int i = 0; i < schemas.size(); i++) {
                walkSchema(location + "[" + i + "]", (Schema<?>) schemas.get(i), raw.path(i));
            }
        }
    }

    /** The {@code example} and each entry of {@code examples} of a parameter, header or media type. */
    private void addExamples(String location, Schema<?> schema, JsonNode raw) {
        if (raw.has("example")) {
            add(location + " example", schema, raw.get("example"));
        }
        raw.path("examples").properties().forEach(entry -> {
            JsonNode example = deref(entry.getValue());
            if (!example.has("value")) {
                throw new IllegalStateException(location + " example " + entry.getKey() + " has no inline value");
            }
            add(location + " example '" + entry.getKey() + "'", schema, example.get("value"));
        });
    }

    private void add(String location, Schema<?> schema, JsonNode value) {
        if (schema == null) {
            throw new IllegalStateException(location + " has an example but no schema to check it against");
        }
        cases.add(new ExampleCase(location, schema, value));
    }

    /** Follows local {@code $ref}s in the raw document. */
    private JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 10) {
                throw new IllegalStateException("Unsupported reference " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalStateException("Unresolvable reference " + ref);
            }
        }
        return current;
    }

    private static <T> T component(Map<String, T> map, String ref) {
        String name = ref.substring(ref.lastIndexOf('/') + 1);
        T found = map == null ? null : map.get(name);
        if (found == null) {
            throw new IllegalStateException("Unresolvable reference " + ref);
        }
        return found;
    }

    private static <V> void each(Map<String, V> map, BiConsumer<String, V> action) {
        if (map != null) {
            map.forEach(action);
        }
    }
}
