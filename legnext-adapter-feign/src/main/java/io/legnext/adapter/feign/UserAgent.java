package io.legnext.adapter.feign;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The User-Agent legnext sends: its own version and the Java version, e.g. {@code legnext-java/0.1.0 (Java 17.0.15)}. */
final class UserAgent {

    static final String VERSION = readVersion();
    static final String DEFAULT = "legnext-java/" + VERSION + " (Java " + System.getProperty("java.version") + "; "
            + System.getProperty("os.name") + ")";

    private UserAgent() {}

    private static String readVersion() {
        try (InputStream in = UserAgent.class.getResourceAsStream("/io/legnext/adapter/feign/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
