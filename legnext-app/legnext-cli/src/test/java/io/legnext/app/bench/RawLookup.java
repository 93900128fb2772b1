package io.legnext.app.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline a lookup through legnext is measured against: what a careful user writes by hand. A JDK
 * {@link HttpClient} whose executor is the calling thread, and a Jackson streaming parser that reads the task's
 * fields into a small object; no retries, no events, no typed errors.
 */
final class RawLookup {

    /** The task fields a hand-written client would keep. */
    record RawTask(
            String jobId,
            String taskType,
            String status,
            List<String> videoUrls,
            String seed,
            String createdAt,
            String startedAt,
            String endedAt,
            int errorCode,
            String errorMessage) {}

    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient http;
    private final URI base;
    private final String key;

    RawLookup(URI base, String key) {
        this(base, key, sameThreadClient());
    }

    RawLookup(URI base, String key, HttpClient http) {
        this.base = base;
        this.key = key;
        this.http = http;
    }

    /** The baseline's client: HTTP/1.1 on loopback, the caller's thread for the client's work. */
    static HttpClient sameThreadClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Runnable::run)
                .build();
    }

    RawTask getJob(String id) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/job/" + id))
                .timeout(Duration.ofSeconds(30))
                .header("x-api-key", key)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return parse(response.body());
    }

    static RawTask parse(byte[] body) throws IOException {
        String jobId = null;
        String taskType = null;
        String status = null;
        List<String> videoUrls = List.of();
        String seed = null;
        String createdAt = null;
        String startedAt = null;
        String endedAt = null;
        int errorCode = 0;
        String errorMessage = null;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a task");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "job_id" -> jobId = p.getValueAsString();
                    case "task_type" -> taskType = p.getValueAsString();
                    case "status" -> status = p.getValueAsString();
                    case "output" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            if (name.equals("video_urls") && v == JsonToken.START_ARRAY) {
                                List<String> urls = new ArrayList<>(4);
                                while (p.nextToken() != JsonToken.END_ARRAY) {
                                    urls.add(p.getValueAsString());
                                }
                                videoUrls = urls;
                            } else if (name.equals("seed")) {
                                seed = p.getValueAsString();
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    case "meta" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            switch (name) {
                                case "created_at" -> createdAt = p.getValueAsString();
                                case "started_at" -> startedAt = p.getValueAsString();
                                case "ended_at" -> endedAt = p.getValueAsString();
                                default -> p.skipChildren();
                            }
                        }
                    }
                    case "error" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                            continue;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            switch (name) {
                                case "code" -> errorCode = p.getValueAsInt();
                                case "message" -> errorMessage = p.getValueAsString();
                                default -> p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return new RawTask(
                jobId, taskType, status, videoUrls, seed, createdAt, startedAt, endedAt, errorCode, errorMessage);
    }
}
