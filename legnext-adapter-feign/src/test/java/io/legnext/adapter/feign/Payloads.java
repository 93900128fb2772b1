package io.legnext.adapter.feign;

/** Bodies shaped like the ones recorded from the real service (see shared/legnext-api.md). */
final class Payloads {

    private Payloads() {}

    static final String HEALTHY_ERROR = "{\"code\":0,\"message\":\"\",\"raw_message\":\"\",\"detail\":null}";

    /** A submit's answer: a pending task with empty output, as the service returns at once. */
    static String pending(String id, String taskType) {
        return """
                {"job_id":"%s","model":"midjourney","task_type":"%s","status":"pending",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"","secret":""}},
                 "input":null,"output":{"video_urls":null,"seed":"","available_actions":null},
                 "meta":{"created_at":"2025-10-21T10:51:46Z","started_at":"0001-01-01T00:00:00Z",
                         "ended_at":"0001-01-01T00:00:00Z","usage":{"type":"point","frozen":480,"consume":0}},
                 "detail":null,"logs":[],"error":%s}
                """.formatted(id, taskType, HEALTHY_ERROR);
    }

    /** The completed video job recorded from the real API (ran 2 min 35 s). */
    static String completedVideo(String id) {
        return """
                {"job_id":"%s","model":"midjourney","task_type":"video_diffusion","status":"completed",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"","secret":""}},
                 "input":null,
                 "output":{"video_urls":["https://cdn.legnext.ai/temp/1761044022619.mp4",
                                         "https://cdn.legnext.ai/temp/1761044022620.mp4",
                                         "https://cdn.legnext.ai/temp/1761044022621.mp4",
                                         "https://cdn.legnext.ai/temp/1761044022622.mp4"],
                           "seed":"1723670005","available_actions":{"extend":[0,1,2,3],"upscale":[0,1,2,3]}},
                 "meta":{"created_at":"2025-10-21T10:51:46Z","started_at":"2025-10-21T10:51:47Z",
                         "ended_at":"2025-10-21T10:54:22Z","usage":{"type":"point","frozen":480,"consume":480}},
                 "detail":null,"logs":null,"error":%s,"queue_position":0}
                """.formatted(id, HEALTHY_ERROR);
    }

    /** A completed image job: grid image, four images, reroll offered. */
    static String completedImage(String id) {
        return """
                {"job_id":"%s","model":"midjourney","task_type":"diffusion","status":"completed",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"","secret":""}},
                 "input":null,
                 "output":{"image_url":"https://cdn.legnext.ai/temp/grid.png",
                           "image_urls":["https://cdn.legnext.ai/temp/0.png","https://cdn.legnext.ai/temp/1.png",
                                         "https://cdn.legnext.ai/temp/2.png","https://cdn.legnext.ai/temp/3.png"],
                           "seed":"99","available_actions":{"upscale":[0,1,2,3],"variation":[0,1,2,3],"reroll":true}},
                 "meta":{"created_at":"2025-10-21T10:40:00Z","started_at":"2025-10-21T10:40:01Z",
                         "ended_at":"2025-10-21T10:41:00Z","usage":{"type":"point","frozen":100,"consume":100}},
                 "detail":null,"logs":[],"error":%s}
                """.formatted(id, HEALTHY_ERROR);
    }

    /** A job that failed after acceptance: HTTP 200 with status failed and a filled error. */
    static String failed(String id, int code, String message) {
        return """
                {"job_id":"%s","model":"midjourney","task_type":"video_diffusion","status":"failed",
                 "config":{"service_mode":"public","webhook_config":{"endpoint":"","secret":""}},
                 "input":null,"output":null,
                 "meta":{"created_at":"2025-10-21T10:51:46Z","started_at":"2025-10-21T10:51:47Z",
                         "ended_at":"2025-10-21T10:52:10Z","usage":{"type":"point","frozen":480,"consume":0}},
                 "detail":null,"logs":[],
                 "error":{"code":%d,"message":"%s","raw_message":"upstream refused","detail":null}}
                """.formatted(id, code, message);
    }

    /** The flat error body every 4xx documents. */
    static String flatError(int code, String message) {
        return "{\"code\":%d,\"message\":\"%s\",\"raw_message\":\"\",\"detail\":null}".formatted(code, message);
    }

    /** The task-shaped error body: a whole task, failed, with an empty job id. */
    static String taskShapedError(int code, String message) {
        return """
                {"job_id":"","model":"midjourney","task_type":"video_diffusion","status":"failed",
                 "config":{"service_mode":"","webhook_config":{"endpoint":"","secret":""}},"input":null,"output":null,
                 "meta":{"created_at":"","started_at":"","ended_at":"","usage":{"type":"point","frozen":0,"consume":0}},
                 "detail":null,"logs":[],"error":{"code":%d,"message":"%s","raw_message":"sensitive word","detail":null}}
                """.formatted(code, message);
    }

    /** The {"error": {...}} body shape. */
    static String wrappedError(int code, String message) {
        return "{\"error\":{\"code\":%d,\"message\":\"%s\"}}".formatted(code, message);
    }

    static String balance() {
        return """
                {"code":200,"message":"success","data":{"account_id":52,"balance_usd":12.345,
                 "available_credits":10000,"available_points":2345,"alert_threshold":5,"low_balance_alert":false,
                 "updated_at":"2025-10-21T10:51:46.123456789Z"}}
                """;
    }
}
