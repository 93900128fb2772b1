package io.legnext.mock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.adapter.fake.TaskJson;
import io.legnext.app.webhook.NioHttpServer.Response;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.error.RateLimitedException;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.Job;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The answers the mock sends, in the shapes api-spec gives the real service: tasks (snake_case, as the fake
 * writes them), the balance, and the three error bodies, each where the service uses it:
 *
 * <ul>
 *   <li>flat {@code {code, message, raw_message, detail}}: 400 invalid parameters, 401 bad key, 402 out of points,
 *       405, 429 rate limited, 500;</li>
 *   <li>task-shaped (a failed task with an empty {@code job_id}, the reason in {@code error}): 403 refused by
 *       moderation;</li>
 *   <li>wrapped {@code {"error": {code, message}}}: 404 unknown job or path, 413 body too large, 503 unavailable.</li>
 * </ul>
 *
 * <p>The fake's refusals carry their body already (the same choice, made in the fake's {@code Rejections}); this
 * class sends it as it is. No body ever holds the key a caller presented.
 */
final class Answers {

    static final String JSON = "application/json";
    static final String INVALID_MESSAGE = "Invalid request parameters";
    static final String BAD_KEY_MESSAGE = "Failed to verify api key";

    private Answers() {}

    /** A JSON answer. */
    static Response json(int status, String body) {
        return new Response(status, Map.of("Content-Type", JSON), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON answer of a Jackson tree. */
    static Response json(int status, ObjectNode body) {
        try {
            return json(status, JsonBody.MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values could not be written", e);
        }
    }

    /** The task object of {@code job}, 200. */
    static Response task(Job job) {
        return json(200, TaskJson.write(job));
    }

    /** The flat error body. */
    static Response flat(int status, String message, String rawMessage, ObjectNode detail) {
        ObjectNode body = JsonBody.MAPPER.createObjectNode();
        body.put("code", status).put("message", message).put("raw_message", rawMessage);
        if (detail == null) {
            body.putNull("detail");
        } else {
            body.set("detail", detail);
        }
        return json(status, body);
    }

    /** The wrapped error body. */
    static Response wrapped(int status, String message) {
        ObjectNode body = JsonBody.MAPPER.createObjectNode();
        body.putObject("error").put("code", status).put("message", message);
        return json(status, body);
    }

    /** 401 for a missing or wrong key: flat, as recorded from the service; the presented key is never echoed. */
    static Response unauthorized() {
        return flat(401, BAD_KEY_MESSAGE, "", null);
    }

    /**
     * 400 for a request that breaks a rule: the core's message (without its client-side "Nothing was sent.") as
     * {@code raw_message}, and the field, the bound and the value in {@code detail}.
     */
    static Response invalid(InvalidRequestException e) {
        String message = e.getMessage();
        String suffix = " Nothing was sent.";
        if (message.endsWith(suffix)) {
            message = message.substring(0, message.length() - suffix.length());
        }
        ObjectNode detail = JsonBody.MAPPER.createObjectNode();
        detail.put("field", e.field()).put("bound", e.bound()).put("value", e.value());
        return flat(400, INVALID_MESSAGE, message, detail);
    }

    /**
     * A refusal of the fake, with the status and the body the service would send; 429 carries {@code Retry-After}
     * in whole seconds when the fault gave one. Without a status (the fake was interrupted), 503.
     */
    static Response refusal(LegnextException e) {
        if (e.httpStatus().isEmpty() || e.rawBody().filter(b -> !b.isBlank()).isEmpty()) {
            return wrapped(503, "Service temporarily unavailable");
        }
        Response answer = json(e.httpStatus().getAsInt(), e.rawBody().get());
        if (e instanceof RateLimitedException r && r.retryAfter().isPresent()) {
            answer = answer.withHeader(
                    "Retry-After", Long.toString(seconds(r.retryAfter().get())));
        }
        return answer;
    }

    /**
     * A request the HTTP server refused itself (too large, malformed), in the body shape the list above gives its
     * status: wrapped for 404, 413 and 503, flat otherwise.
     */
    static Response serverRefusal(int status, String why) {
        return switch (status) {
            case 404, 413, 503 -> wrapped(status, "Request refused: " + why);
            default -> flat(status, "Request refused", why, null);
        };
    }

    /** Whole seconds, rounded up, at least 0. */
    static long seconds(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return 0;
        }
        return d.plusNanos(999_999_999).getSeconds();
    }

    /**
     * The balance, {@code {code: 200, message: "success", data: {...}}}. The account id is written as the integer
     * api-spec gives it when it is one, else as the text it is (keep a numeric id for a conforming answer).
     */
    static Response balance(AccountBalance b) {
        ObjectNode body = JsonBody.MAPPER.createObjectNode();
        body.put("code", 200).put("message", "success");
        ObjectNode data = body.putObject("data");
        String id = b.accountId();
        if (id.matches("[0-9]{1,18}")) {
            data.put("account_id", Long.parseLong(id));
        } else {
            data.put("account_id", id);
        }
        data.put("balance_usd", b.balanceUsd());
        data.put("available_credits", b.availableCredits());
        data.put("available_points", b.availablePoints());
        data.put("alert_threshold", b.alertThreshold() == null ? BigDecimal.ZERO : b.alertThreshold());
        data.put("low_balance_alert", b.lowBalanceAlert());
        data.put(
                "updated_at",
                b.updatedAt().map(DateTimeFormatter.ISO_INSTANT::format).orElse(""));
        return json(200, body);
    }
}
