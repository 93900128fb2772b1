package io.legnext.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failures a test cannot provoke on 127.0.0.1 (a missing host, a timeout, a full or read-only disk), built the
 * way the JDK throws them, are said in words too.
 */
class IoFailuresTest {

    static final URI CDN = URI.create("https://cdn.example.com/temp/a.mp4?Signature=x");

    static <T extends Throwable> T causedBy(T failure, Throwable cause) {
        failure.initCause(cause);
        return failure;
    }

    @Test
    void aHostThatCannotBeResolvedIsHostNotFound() {
        // What the JDK's client throws for a name no resolver knows.
        Exception e = causedBy(new ConnectException(), new UnresolvedAddressException());

        assertThat(IoFailures.network(e, CDN))
                .isEqualTo("the host name cdn.example.com could not be resolved (host not found)");
    }

    @Test
    void aConnectTimeoutIsSaidAsSuch() {
        assertThat(IoFailures.network(new HttpConnectTimeoutException("HTTP connect timed out"), CDN))
                .isEqualTo("connecting to cdn.example.com:443 timed out");
    }

    @Test
    void aResponseThatNeverCameIsARequestTimeout() {
        assertThat(IoFailures.network(new HttpTimeoutException("request timed out"), CDN))
                .isEqualTo("cdn.example.com:443 did not answer in time (request timeout)");
    }

    @Test
    void aCertificateForAnotherNameIsSaidAsSuch() {
        Exception e = new SSLHandshakeException("No subject alternative DNS name matching cdn.example.com found.");

        assertThat(IoFailures.network(e, CDN))
                .isEqualTo("the secure (TLS) connection to cdn.example.com:443"
                        + " failed: its certificate is for another host name");
    }

    @Test
    void anUnknownFailureKeepsItsMessageWithoutTheClassNamesInIt() {
        Exception e = new IOException("java.io.IOException: sun.net.www.SomethingException: the stream went away");

        assertThat(IoFailures.network(e, CDN)).isEqualTo("the stream went away");
    }

    @Test
    void anUnknownFailureWithoutAMessageGetsWordsNotItsClassName() {
        assertThat(IoFailures.network(new IOException(), CDN))
                .isEqualTo("the exchange with cdn.example.com:443 failed");
    }

    @Test
    void aDeniedPermissionIsSaidAsSuchNotAsThePathAlone() {
        assertThat(IoFailures.local(new AccessDeniedException("/videos/a.mp4"))).isEqualTo("permission denied");
    }

    @Test
    void aReadOnlyFileSystemIsSaidAsSuch() {
        assertThat(IoFailures.local(new FileSystemException("/videos", null, "Read-only file system")))
                .isEqualTo("the file system is read-only");
    }

    @Test
    void aFullDiskIsSaidAsSuch() {
        assertThat(IoFailures.local(new IOException("No space left on device")))
                .isEqualTo("the disk is full (no space left on the device)");
    }

    @Test
    void aDirectoryThatCannotBeCreatedForLackOfPermissionSaysPermissionDenied(@TempDir Path tmp) {
        Path dir = tmp.resolve("videos");

        assertThat(IoFailures.directory(dir, new AccessDeniedException(dir.toString())))
                .isEqualTo("permission denied");
    }
}
