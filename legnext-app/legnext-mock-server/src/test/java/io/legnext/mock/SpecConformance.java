package io.legnext.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.legnext.spec.LegnextApiSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Checks every answer the mock server sends to the API's paths against api-spec (status, headers, content type,
 * body schema) with swagger-request-validator; the admin API is not part of the contract and is left out.
 */
final class SpecConformance implements Consumer<LegnextMockServer.Exchange> {

    private static OpenApiInteractionValidator validator;

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicInteger checked = new AtomicInteger();
    private final AtomicInteger outside = new AtomicInteger();

    static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(LegnextApiSpec.text())
                    .build();
        }
        return validator;
    }

    @Override
    public void accept(LegnextMockServer.Exchange e) {
        if (e.path().startsWith("/__admin")) {
            return;
        }
        List<String> found = problemsWith(e);
        if (found.isEmpty() || !outsideTheContract(e)) {
            checked.incrementAndGet();
        } else {
            // A request api-spec has no operation for (a wrong method, an unknown path): nothing to check against.
            outside.incrementAndGet();
            return;
        }
        if (!found.isEmpty()) {
            problems.add(e.method() + " " + e.path() + " -> " + e.status() + " " + e.body() + ": "
                    + String.join("; ", found));
        }
    }

    /** What api-spec finds wrong with one answer; empty when it conforms. */
    static List<String> problemsWith(LegnextMockServer.Exchange e) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(e.status());
        for (Map.Entry<String, String> h : e.headers().entrySet()) {
            response.withHeader(h.getKey(), h.getValue());
        }
        if (!e.body().isEmpty()) {
            response.withBody(e.body());
        }
        ValidationReport report =
                validator().validateResponse(e.path(), Request.Method.valueOf(e.method()), response.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(ValidationReport.Message::getMessage)
                .collect(Collectors.toList());
    }

    /** Whether api-spec has no operation for the request {@code e} answers. */
    static boolean outsideTheContract(LegnextMockServer.Exchange e) {
        ValidationReport report = validator()
                .validateResponse(
                        e.path(),
                        Request.Method.valueOf(e.method()),
                        SimpleResponse.Builder.status(200).build());
        return report.getMessages().stream()
                .anyMatch(m -> m.getKey().equals("validation.request.path.missing")
                        || m.getKey().equals("validation.request.operation.notAllowed"));
    }

    /** How many answers were checked. */
    int checked() {
        return checked.get();
    }

    /** Fails unless some answers were checked and none broke the contract. */
    void assertEveryAnswerConformed() {
        assertThat(checked()).as("answers checked against api-spec").isPositive();
        assertThat(problems).as("answers that break api-spec").isEmpty();
    }
}
