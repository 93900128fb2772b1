package io.legnext.app.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.PointUsage;
import io.legnext.core.job.TaskType;
import io.legnext.core.url.CallbackUrl;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app's own JSON shape of a job (camelCase, every field present, absent values as null): what {@code --json}
 * prints and what the journal keeps; reads back what it writes.
 */
public final class JobJson {

    /** One mapper for the app: plain, no modules, no reflection on domain types. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private JobJson() {}

    /** The job as a JSON object with the documented fields, in a stable order. */
    public static ObjectNode write(Job job) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("jobId", job.id().toString());
        o.put("taskType", job.taskType().toString());
        o.put("status", job.status().toString());
        o.set("videoUrls", urls(job.videoUrls()));
        o.set("imageUrls", urls(job.imageUrls()));
        o.put("imageGridUrl", job.imageGridUrl().map(URI::toString).orElse(null));
        o.put("seed", job.seed().orElse(null));
        o.set("availableActions", actions(job.availableActions()));
        ObjectNode usage = o.putObject("usage");
        usage.put("unit", job.usage().unit());
        usage.put("frozen", job.usage().frozen());
        usage.put("consumed", job.usage().consumed());
        o.put("createdAt", job.createdAt().map(Instant::toString).orElse(null));
        o.put("startedAt", job.startedAt().map(Instant::toString).orElse(null));
        o.put("endedAt", job.endedAt().map(Instant::toString).orElse(null));
        if (job.failure().isPresent()) {
            JobFailure f = job.failure().get();
            ObjectNode error = o.putObject("error");
            error.put("code", f.code());
            error.put("message", f.message().isBlank() ? f.rawMessage() : f.message());
            error.put("rawMessage", f.rawMessage());
        } else {
            o.putNull("error");
        }
        o.put("callback", job.callback().map(CallbackUrl::toString).orElse(null));
        return o;
    }

    /** Reads a job written by {@link #write(Job)}; tolerates missing fields. */
    public static Job read(JsonNode o) {
        Job.Builder b = Job.builder(
                JobId.parse(text(o, "jobId")), TaskType.of(text(o, "taskType")), JobStatus.of(text(o, "status")));
        b.videoUrls(readUrls(o.get("videoUrls"))).imageUrls(readUrls(o.get("imageUrls")));
        optText(o, "imageGridUrl").map(URI::create).ifPresent(b::imageGridUrl);
        optText(o, "seed").ifPresent(b::seed);
        JsonNode actions = o.get("availableActions");
        if (actions != null && actions.isObject()) {
            Map<String, Set<Integer>> indexed = new LinkedHashMap<>();
            Set<String> flags = new LinkedHashSet<>();
            for (Map.Entry<String, JsonNode> e : actions.properties()) {
                if (e.getValue().isArray()) {
                    Set<Integer> indices = new LinkedHashSet<>();
                    e.getValue().forEach(n -> indices.add(n.asInt()));
                    indexed.put(e.getKey(), indices);
                } else if (e.getValue().asBoolean(false)) {
                    flags.add(e.getKey());
                }
            }
            b.availableActions(new AvailableActions(indexed, flags));
        }
        JsonNode usage = o.get("usage");
        if (usage != null && usage.isObject()) {
            b.usage(new PointUsage(
                    usage.path("unit").asText(""),
                    usage.path("frozen").asLong(0),
                    usage.path("consumed").asLong(0)));
        }
        optText(o, "createdAt").map(Instant::parse).ifPresent(b::createdAt);
        optText(o, "startedAt").map(Instant::parse).ifPresent(b::startedAt);
        optText(o, "endedAt").map(Instant::parse).ifPresent(b::endedAt);
        JsonNode error = o.get("error");
        if (error != null && error.isObject()) {
            b.failure(new JobFailure(
                    error.path("code").asInt(0),
                    error.path("message").asText(""),
                    error.path("rawMessage").asText("")));
        }
        optText(o, "callback").map(CallbackUrl::parse).ifPresent(b::callback);
        return b.build();
    }

    /** The balance as one JSON object. */
    public static ObjectNode write(AccountBalance balance) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("accountId", balance.accountId());
        o.put("balanceUsd", balance.balanceUsd());
        o.put("availableCredits", balance.availableCredits());
        o.put("availablePoints", balance.availablePoints());
        o.put("alertThreshold", balance.alertThreshold());
        o.put("lowBalanceAlert", balance.lowBalanceAlert());
        o.put("updatedAt", balance.updatedAt().map(Instant::toString).orElse(null));
        return o;
    }

    /** One line of compact JSON. */
    public static String line(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ArrayNode urls(List<URI> urls) {
        ArrayNode a = MAPPER.createArrayNode();
        urls.forEach(u -> a.add(u.toString()));
        return a;
    }

    private static ObjectNode actions(AvailableActions actions) {
        ObjectNode o = MAPPER.createObjectNode();
        actions.indexed().forEach((name, indices) -> {
            ArrayNode a = o.putArray(name);
            indices.forEach(a::add);
        });
        actions.flags().forEach(flag -> o.put(flag, true));
        return o;
    }

    private static List<URI> readUrls(JsonNode node) {
        List<URI> urls = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> urls.add(URI.create(n.asText())));
        }
        return urls;
    }

    private static String text(JsonNode o, String field) {
        return optText(o, field).orElseThrow(() -> new IllegalArgumentException("missing '" + field + "'"));
    }

    private static Optional<String> optText(JsonNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }
}
