package io.legnext.app.cli;

import io.legnext.core.job.JobId;

/** Task objects as the service sends them (snake_case), for stubs and callback deliveries. */
final class TaskBodies {

    private TaskBodies() {}

    static String pending(JobId id) {
        return task(id, "pending", "null", "\"\"");
    }

    static String processing(JobId id) {
        return task(id, "processing", "null", "\"\"");
    }

    static String completed(JobId id, String cdn) {
        StringBuilder urls = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            urls.append(i > 0 ? "," : "")
                    .append('"')
                    .append(cdn)
                    .append("/temp/")
                    .append(id)
                    .append('_')
                    .append(i)
                    .append(".mp4?Expires=1761303222&Signature=abc")
                    .append('"');
        }
        urls.append(']');
        return task(id, "completed", urls.toString(), "\"2025-10-21T10:54:22Z\"");
    }

    static String failed(JobId id) {
        return "{\"job_id\":\"" + id + "\",\"model\":\"midjourney\",\"task_type\":\"video_diffusion\",\"status\":"
                + "\"failed\",\"config\":{\"service_mode\":\"public\"},\"input\":null,\"output\":null,\"meta\":{"
                + "\"created_at\":\"2025-10-21T10:51:46Z\",\"started_at\":\"\",\"ended_at\":\"2025-10-21T10:52:00Z\","
                + "\"usage\":{\"type\":\"point\",\"frozen\":480,\"consume\":0}},\"detail\":null,\"logs\":[],"
                + "\"error\":{\"code\":10001,\"message\":\"render failed\",\"raw_message\":\"gpu lost\","
                + "\"detail\":null}}";
    }

    private static String task(JobId id, String status, String videoUrls, String endedAt) {
        boolean done = status.equals("completed");
        return "{\"job_id\":\"" + id + "\",\"model\":\"midjourney\",\"task_type\":\"video_diffusion\",\"status\":\""
                + status + "\",\"config\":{\"service_mode\":\"public\",\"webhook_config\":{\"endpoint\":\"\","
                + "\"secret\":\"\"}},\"input\":null,\"output\":{\"video_urls\":" + videoUrls + ",\"seed\":\""
                + (done ? "1723670005" : "") + "\",\"available_actions\":"
                + (done ? "{\"extend\":[0,1,2,3],\"upscale\":[0,1,2,3]}" : "{}") + "},\"meta\":{\"created_at\":"
                + "\"2025-10-21T10:51:46Z\",\"started_at\":\"2025-10-21T10:51:47Z\",\"ended_at\":" + endedAt + ","
                + "\"usage\":{\"type\":\"point\",\"frozen\":480,\"consume\":" + (done ? 480 : 0) + "}},"
                + "\"detail\":null,\"logs\":[],\"error\":{\"code\":0,\"message\":\"\",\"raw_message\":\"\","
                + "\"detail\":null},\"unknown_future_field\":{\"x\":1}}";
    }
}
