package io.legnext.core.service;

import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.port.out.TaskDecoderPort;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tiny task decoder for tests: reads job_id, task_type, status and ended_at with regular expressions. */
final class RegexTaskDecoder implements TaskDecoderPort {

    private static final Pattern JOB_ID = Pattern.compile("\"job_id\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern TASK_TYPE = Pattern.compile("\"task_type\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ENDED_AT = Pattern.compile("\"ended_at\"\\s*:\\s*\"([^\"]+)\"");

    @Override
    public Job decode(byte[] taskJson) {
        String text = new String(taskJson, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JobId id = JobId.parse(find(JOB_ID, text, "job_id"));
        Job.Builder b = Job.builder(
                id, TaskType.of(find(TASK_TYPE, text, "task_type")), JobStatus.of(find(STATUS, text, "status")));
        Matcher ended = ENDED_AT.matcher(text);
        if (ended.find()) {
            b.endedAt(Instant.parse(ended.group(1)));
        }
        return b.build();
    }

    private static String find(Pattern p, String text, String field) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no " + field);
        }
        return m.group(1);
    }

    /** A task object as the service sends it in a callback. */
    static String task(JobId id, String status, String endedAt) {
        return "{\"job_id\":\"" + id + "\",\"model\":\"midjourney\",\"task_type\":\"video_diffusion\",\"status\":\""
                + status + "\",\"meta\":{\"created_at\":\"2025-10-21T10:51:46Z\",\"ended_at\":\"" + endedAt + "\"},"
                + "\"error\":{\"code\":0,\"message\":\"\",\"raw_message\":\"\",\"detail\":null}}";
    }
}
