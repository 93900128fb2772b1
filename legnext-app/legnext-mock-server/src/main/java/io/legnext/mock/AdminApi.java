package io.legnext.mock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.app.webhook.NioHttpServer.Request;
import io.legnext.app.webhook.NioHttpServer.Response;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The admin API under {@code /__admin}: scripted faults, the balance and seeded jobs over HTTP, so that tests in any
 * language can arrange what the fake's Java methods arrange. Each fault strikes the next matching call once.
 * Every path but {@code GET /__admin/health} needs the server's key in {@code x-api-key}. Answers are JSON: 200 with
 * what was done, 400 (flat body) naming the field, the bound and the value, 401, 404, 405.
 *
 * <pre>
 * GET    /__admin/health                           {"status":"ok","jobs":N}
 * POST   /__admin/faults/rate-limit                {"retryAfterSeconds":30}   next submit: 429 (+ Retry-After)
 * POST   /__admin/faults/submit-unavailable                                   next accepted submit: job made, 503
 * POST   /__admin/faults/lookup-unavailable                                   next lookup: 503
 * POST   /__admin/faults/slow-lookup               {"delayMillis":1500}       next lookup answers after the delay
 * POST   /__admin/faults/fail-next-job             {"code":10001,"message":"...","rawMessage":"..."}
 * POST   /__admin/faults/refuse-content            {"rawMessage":"..."}       next submit: 403, task-shaped
 * DELETE /__admin/faults                                                      disarms every fault not yet struck
 * POST   /__admin/balance                          {"points":0,"credits":0}   either or both
 * POST   /__admin/jobs/completed-video                                        {"job_id":"..."}
 * POST   /__admin/jobs/completed-image             {"images":4}               {"job_id":"..."}
 * POST   /__admin/jobs/running-image                                          {"job_id":"..."}
 * </pre>
 */
final class AdminApi {

    /** The longest slow-lookup delay: a test that wants more is better served by a timeout of its own. */
    static final long MAX_DELAY_MILLIS = 120_000;
    /** The longest Retry-After hint. */
    static final long MAX_RETRY_AFTER_SECONDS = 86_400;

    private final FakeLegnext fake;
    private final Predicate<Request> authorized;

    AdminApi(FakeLegnext fake, Predicate<Request> authorized) {
        this.fake = fake;
        this.authorized = authorized;
    }

    /** Answers {@code r}, whose path below {@code /__admin} is {@code sub}. */
    Response handle(Request r, String sub) {
        if (sub.equals("/health")) {
            if (!r.method().equals("GET")) {
                return notAllowed(r, "GET");
            }
            ObjectNode body = ok();
            body.put("status", "ok").put("jobs", fake.jobCount());
            return Answers.json(200, body);
        }
        if (!authorized.test(r)) {
            return Answers.unauthorized();
        }
        if (sub.equals("/faults")) {
            if (!r.method().equals("DELETE")) {
                return notAllowed(r, "DELETE");
            }
            fake.clearFaults();
            return Answers.json(200, ok().put("cleared", "faults"));
        }
        if (!r.method().equals("POST")) {
            return known(sub) ? notAllowed(r, "POST") : notFound(sub);
        }
        switch (sub) {
            case "/faults/rate-limit": {
                Long seconds = body(r, "retryAfterSeconds").whole("retryAfterSeconds", 0, MAX_RETRY_AFTER_SECONDS);
                fake.rateLimitNextSubmit(seconds == null ? null : Duration.ofSeconds(seconds));
                return armed("rate-limit");
            }
            case "/faults/submit-unavailable":
                body(r);
                fake.makeNextSubmitUnavailable();
                return armed("submit-unavailable");
            case "/faults/lookup-unavailable":
                body(r);
                fake.makeNextLookupUnavailable();
                return armed("lookup-unavailable");
            case "/faults/slow-lookup": {
                JsonBody json = body(r, "delayMillis");
                Long millis = json.whole("delayMillis", 0, MAX_DELAY_MILLIS);
                if (millis == null) {
                    throw new io.legnext.core.error.InvalidRequestException(
                            "delayMillis", "a whole number between 0" + " and " + MAX_DELAY_MILLIS, null);
                }
                fake.slowDownNextLookup(Duration.ofMillis(millis));
                return armed("slow-lookup");
            }
            case "/faults/fail-next-job": {
                JsonBody json = body(r, "code", "message", "rawMessage");
                Integer code = json.integer("code", 1, Integer.MAX_VALUE);
                String message = json.text("message");
                String raw = json.text("rawMessage");
                fake.failNextJob(new JobFailure(
                        code == null ? 500 : code,
                        message == null ? "Task failed" : message,
                        raw == null ? "video generation failed, please try again" : raw));
                return armed("fail-next-job");
            }
            case "/faults/refuse-content": {
                String raw = body(r, "rawMessage").text("rawMessage");
                if (raw == null) {
                    fake.refuseNextSubmitForContent();
                } else {
                    fake.refuseNextSubmitForContent(raw);
                }
                return armed("refuse-content");
            }
            case "/balance":
                return balance(r);
            case "/jobs/completed-video":
                body(r);
                return seeded(fake.seedCompletedVideoJob());
            case "/jobs/completed-image": {
                Integer images = body(r, "images").integer("images", 1, FakeLegnext.IMAGES_PER_JOB);
                return seeded(images == null ? fake.seedCompletedImageJob() : fake.seedCompletedImageJob(images));
            }
            case "/jobs/running-image":
                body(r);
                return seeded(fake.seedRunningImageJob());
            default:
                return notFound(sub);
        }
    }

    private Response balance(Request r) {
        JsonBody json = body(r, "points", "credits");
        Long points = json.whole("points", 0, Long.MAX_VALUE);
        Long credits = json.whole("credits", 0, Long.MAX_VALUE);
        if (points == null && credits == null) {
            throw new io.legnext.core.error.InvalidRequestException(
                    "points", "given, or 'credits' given, or both", null);
        }
        if (points != null) {
            fake.setAvailablePoints(points);
        }
        if (credits != null) {
            fake.setAvailableCredits(credits);
        }
        AccountBalance b = fake.getBalance();
        ObjectNode body = ok();
        body.put("available_points", b.availablePoints()).put("available_credits", b.availableCredits());
        return Answers.json(200, body);
    }

    private static JsonBody body(Request r, String... fields) {
        return JsonBody.parse(r.body(), true, Set.of(fields));
    }

    private static ObjectNode ok() {
        return JsonBody.MAPPER.createObjectNode().put("ok", true);
    }

    private static Response armed(String fault) {
        return Answers.json(200, ok().put("armed", fault));
    }

    private static Response seeded(JobId id) {
        return Answers.json(200, ok().put("job_id", id.toString()));
    }

    private static boolean known(String sub) {
        return Set.of(
                        "/faults/rate-limit",
                        "/faults/submit-unavailable",
                        "/faults/lookup-unavailable",
                        "/faults/slow-lookup",
                        "/faults/fail-next-job",
                        "/faults/refuse-content",
                        "/balance",
                        "/jobs/completed-video",
                        "/jobs/completed-image",
                        "/jobs/running-image")
                .contains(sub);
    }

    private static Response notFound(String sub) {
        return Answers.wrapped(
                404,
                "Not found: no admin path /__admin" + sub + " (see GET /__admin/health and the"
                        + " README's admin API)");
    }

    private static Response notAllowed(Request r, String allowed) {
        return Answers.flat(405, "Method not allowed", r.method() + " is not served here; use " + allowed, null)
                .withHeader("Allow", allowed);
    }
}
