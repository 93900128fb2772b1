package io.legnext.app.webhook;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The response writer's wire format: an answer's status line, headers and body as the bytes to send. */
final class ResponseEncoder {

    /** The interim answer to {@code Expect: 100-continue}. */
    static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private ResponseEncoder() {}

    /**
     * The answer's bytes, with Date, Content-Length (unless 204 or 304) and, when {@code close}, Connection: close
     * set by the server; the body is left out for a HEAD request.
     */
    static byte[] encode(NioHttpServer.Response response, boolean close, boolean head) {
        StringBuilder h = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(reason(response.status()))
                .append("\r\n");
        h.append("Date: ")
                .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        for (Map.Entry<String, String> e : response.headers().entrySet()) {
            String name = e.getKey();
            if (!name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase("Connection")
                    && !name.equalsIgnoreCase("Transfer-Encoding")
                    && !name.equalsIgnoreCase("Date")) {
                h.append(name).append(": ").append(e.getValue()).append("\r\n");
            }
        }
        boolean bodyless = response.status() == 204 || response.status() == 304;
        if (!bodyless) {
            h.append("Content-Length: ").append(response.body().length).append("\r\n");
        }
        if (close) {
            h.append("Connection: close\r\n");
        }
        h.append("\r\n");
        byte[] top = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (head || bodyless) {
            return top;
        }
        byte[] all = new byte[top.length + response.body().length];
        System.arraycopy(top, 0, all, 0, top.length);
        System.arraycopy(response.body(), 0, all, top.length, response.body().length);
        return all;
    }

    /** The reason phrase of a status. */
    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 417 -> "Expectation Failed";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
