package io.legnext.app.journal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.app.json.JobJson;
import io.legnext.core.job.JobId;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.SubmittedJob;
import java.time.Instant;
import java.util.Optional;

/** The journal's two kinds of JSON line, {@code submitted} and {@code finished}, written and read in one place. */
final class JournalLines {

    /** The format version written in every line. */
    static final int VERSION = 1;

    private JournalLines() {}

    static String submittedLine(SubmittedJob job, String service) {
        ObjectNode o = JobJson.MAPPER.createObjectNode();
        o.put("v", VERSION);
        o.put("type", "submitted");
        o.put("jobId", job.id().toString());
        o.put("taskType", job.taskType().toString());
        o.put("source", job.source().map(JobId::toString).orElse(null));
        if (job.index().isPresent()) {
            o.put("index", job.index().get().value());
        } else {
            o.putNull("index");
        }
        o.put("extensions", job.extensions());
        o.put("submittedAt", job.submittedAt().toString());
        o.put("service", service);
        // Written only when present, so lines of submits outside a batch stay as they were.
        job.origin().ifPresent(origin -> o.put("origin", origin));
        return JobJson.line(o);
    }

    static ObjectNode finishedLine(JobId id, String status, Instant at) {
        ObjectNode o = JobJson.MAPPER.createObjectNode();
        o.put("v", VERSION);
        o.put("type", "finished");
        o.put("jobId", id.toString());
        o.put("status", status);
        o.put("at", at.toString());
        return o;
    }

    static SubmittedJob submitted(JsonNode o) {
        JsonNode source = o.get("source");
        JsonNode index = o.get("index");
        JsonNode origin = o.get("origin");
        return new SubmittedJob(
                JobId.parse(o.path("jobId").asText()),
                TaskType.of(o.path("taskType").asText()),
                source == null || source.isNull() ? Optional.empty() : Optional.of(JobId.parse(source.asText())),
                index == null || index.isNull() ? Optional.empty() : Optional.of(new VariantIndex(index.asInt())),
                o.path("extensions").asInt(0),
                Instant.parse(o.path("submittedAt").asText()),
                // Older lines have no origin.
                origin == null || origin.isNull() ? Optional.empty() : Optional.of(origin.asText()));
    }

    static JournalEntry.Outcome outcome(JsonNode o) {
        JsonNode job = o.get("job");
        JsonNode reason = o.get("reason");
        return new JournalEntry.Outcome(
                o.path("status").asText(),
                Instant.parse(o.path("at").asText()),
                job == null || job.isNull() ? Optional.empty() : Optional.of(JobJson.read(job)),
                reason == null || reason.isNull() ? Optional.empty() : Optional.of(reason.asText()));
    }
}
