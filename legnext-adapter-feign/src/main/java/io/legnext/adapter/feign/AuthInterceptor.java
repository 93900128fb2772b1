package io.legnext.adapter.feign;

import feign.RequestInterceptor;
import feign.RequestTemplate;

/** Sets the key and the User-Agent on every request, once, so no call site ever handles the key. */
final class AuthInterceptor implements RequestInterceptor {

    private final ApiKey key;
    private final String userAgent;

    AuthInterceptor(ApiKey key, String userAgent) {
        this.key = key;
        this.userAgent = userAgent;
    }

    @Override
    public void apply(RequestTemplate template) {
        template.removeHeader(RedactingLogger.API_KEY_HEADER);
        template.header(RedactingLogger.API_KEY_HEADER, key.reveal());
        template.removeHeader("User-Agent");
        template.header("User-Agent", userAgent);
    }
}
