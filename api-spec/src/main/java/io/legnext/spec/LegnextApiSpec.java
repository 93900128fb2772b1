package io.legnext.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Legnext video API contract, shipped as a classpath resource. */
public final class LegnextApiSpec {

    /** Classpath location of the OpenAPI 3.0.3 document. */
    public static final String RESOURCE = "openapi/legnext-video-api.yaml";

    private LegnextApiSpec() {}

    /**
     * Opens the contract; the caller closes the stream.
     *
     * @return a fresh stream over the YAML document
     * @throws IllegalStateException if the resource is not on the classpath
     */
    public static InputStream open() {
        ClassLoader loader = LegnextApiSpec.class.getClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("OpenAPI contract not found on the classpath at '" + RESOURCE
                    + "': is the io.legnext:api-spec jar on the classpath?");
        }
        return in;
    }

    /**
     * Reads the whole contract.
     *
     * @return the YAML document decoded as UTF-8
     * @throws IllegalStateException if the resource is not on the classpath
     * @throws UncheckedIOException if it cannot be read
     */
    public static String text() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI contract '" + RESOURCE + "'", e);
        }
    }
}
