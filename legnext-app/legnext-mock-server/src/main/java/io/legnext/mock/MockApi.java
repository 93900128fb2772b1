package io.legnext.mock;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.app.webhook.NioHttpServer;
import io.legnext.app.webhook.NioHttpServer.Request;
import io.legnext.app.webhook.NioHttpServer.Response;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.error.LegnextException;
import io.legnext.core.job.JobId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Answers the API's requests from the fake: the paths of api-spec, the key checked first (401), then the body
 * (400), then the fake's own rules and scripted faults (402, 403, 404, 429, 503, as the fake raises them). A failure
 * of the mock itself is a flat 500 that names no exception class; the admin API is {@link AdminApi}'s.
 */
final class MockApi implements NioHttpServer.Handler {

    static final String DIFFUSION = "/api/v1/video-diffusion";
    static final String EXTEND = "/api/v1/extend-video";
    static final String UPSCALE = "/api/v1/video-upscale";
    static final String JOB = "/api/v1/job/";
    static final String BALANCE = "/api/account/balance";
    static final String ADMIN = "/__admin";
    /** The largest submit body read: a prompt of 8192 characters, escaped, fits many times. */
    static final int MAX_SUBMIT_BYTES = 256 * 1024;

    private final FakeLegnext fake;
    private final byte[] key;
    private final System.Logger log;
    private final Consumer<LegnextMockServer.Exchange> listener;
    private final AdminApi admin;

    MockApi(FakeLegnext fake, byte[] key, System.Logger log, Consumer<LegnextMockServer.Exchange> listener) {
        this.fake = fake;
        this.key = key.clone();
        this.log = log;
        this.listener = listener;
        this.admin = new AdminApi(fake, this::authorized);
    }

    @Override
    public Response handle(Request request) {
        String path = request.path();
        Response answer;
        try {
            answer = route(request, path);
        } catch (InvalidRequestException e) {
            answer = Answers.invalid(e);
        } catch (LegnextException e) {
            answer = Answers.refusal(e);
        } catch (RuntimeException e) {
            log.log(
                    System.Logger.Level.WARNING,
                    "The mock server failed to answer " + request.method() + " " + path + " (answered 500): "
                            + e.getMessage());
            log.log(System.Logger.Level.DEBUG, "The failure in full", e);
            answer = Answers.flat(500, "Internal server error", "", null);
        }
        try {
            listener.accept(new LegnextMockServer.Exchange(
                    request.method(),
                    path,
                    answer.status(),
                    answer.headers(),
                    new String(answer.body(), StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "A listener of the mock server failed: " + e.getMessage());
        }
        return answer;
    }

    /** The server's own refusals in the API's error shapes, so a client reads them like any other error. */
    @Override
    public Response refusal(int status, String why) {
        return Answers.serverRefusal(status, why);
    }

    @Override
    public void refused(int status, String why) {
        log.log(System.Logger.Level.DEBUG, () -> "Refused a request with " + status + ": " + why);
    }

    private Response route(Request r, String path) {
        if (path.equals(ADMIN) || path.startsWith(ADMIN + "/")) {
            return admin.handle(r, path.substring(ADMIN.length()));
        }
        switch (path) {
            case DIFFUSION:
                return submit(r, body -> fake.generate(WireRequests.diffusion(body)));
            case EXTEND:
                return submit(r, body -> fake.extend(WireRequests.extend(body)));
            case UPSCALE:
                return submit(r, body -> fake.upscale(WireRequests.upscale(body)));
            case BALANCE:
                return get(r, () -> Answers.balance(fake.getBalance()));
            default:
                break;
        }
        if (path.startsWith(JOB) && path.indexOf('/', JOB.length()) < 0) {
            String id = decode(path.substring(JOB.length()));
            return get(r, () -> Answers.task(fake.getJob(JobId.parse("job_id", id))));
        }
        return Answers.wrapped(
                404,
                "Not found: no such path (the API's are " + DIFFUSION + ", " + EXTEND + ", " + UPSCALE + ", " + JOB
                        + "{job_id}, " + BALANCE + ")");
    }

    private Response submit(Request r, Function<byte[], io.legnext.core.job.Job> accept) {
        if (!r.method().equals("POST")) {
            return notAllowed(r, "POST");
        }
        if (!authorized(r)) {
            return Answers.unauthorized();
        }
        if (r.body().length > MAX_SUBMIT_BYTES) {
            return Answers.wrapped(413, "Request entity too large: at most " + MAX_SUBMIT_BYTES + " bytes");
        }
        return Answers.task(accept.apply(r.body()));
    }

    private Response get(Request r, java.util.function.Supplier<Response> answer) {
        if (!r.method().equals("GET")) {
            return notAllowed(r, "GET");
        }
        if (!authorized(r)) {
            return Answers.unauthorized();
        }
        return answer.get();
    }

    private static Response notAllowed(Request r, String allowed) {
        return Answers.flat(405, "Method not allowed", r.method() + " is not served here; use " + allowed, null)
                .withHeader("Allow", allowed);
    }

    /** Whether the request carries the server's key; compared in constant time, never echoed. */
    boolean authorized(Request r) {
        String presented = r.header("x-api-key");
        return presented != null && MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a path segment's %XX escapes; a malformed escape leaves the text as it is. */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length()) {
                    return segment;
                }
                int hi = Character.digit(segment.charAt(i + 1), 16);
                int lo = Character.digit(segment.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return segment;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
