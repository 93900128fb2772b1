package io.legnext.app.download;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Serves the files behind the fake adapter's result URLs, which point at a CDN that never saw them: a real, playable
 * clip for a video URL (H.264, 192x108, 4 seconds, about 15 KB) and a real PNG for an image URL, each ending in a
 * trailing box or chunk that names the URL. So the same URL always gives the same bytes, two URLs give different
 * bytes, and every file opens in a player or a decoder.
 *
 * <p>The clip carries the URL in an MP4 {@code free} box after its last box, which players skip; the image carries it
 * in a {@code tEXt} chunk placed before {@code IEND}, which decoders skip.
 */
public final class GeneratedDownloadSource implements DownloadSource {

    private static final byte[] VIDEO = resource("fake-video.mp4");
    private static final byte[] IMAGE = resource("fake-image.png");
    /** The PNG's last chunk: length 0, type IEND, its CRC. */
    private static final int IEND_LENGTH = 12;

    @Override
    public Opened open(URI url) {
        byte[] bytes = bytesFor(url);
        return new Opened(new ByteArrayInputStream(bytes), bytes.length);
    }

    /** The bytes of one URL: the clip (or, for a {@code .png} path, the image) marked with the URL's path. */
    static byte[] bytesFor(URI url) {
        String path = url.getRawPath() == null ? url.toString() : url.getRawPath();
        byte[] mark = ("legnext fake adapter: " + path).getBytes(StandardCharsets.UTF_8);
        return path.endsWith(".png") ? markedImage(mark) : markedVideo(mark);
    }

    private static byte[] markedVideo(byte[] mark) {
        byte[] out = new byte[VIDEO.length + 8 + mark.length];
        System.arraycopy(VIDEO, 0, out, 0, VIDEO.length);
        int at = VIDEO.length;
        putInt(out, at, 8 + mark.length);
        out[at + 4] = 'f';
        out[at + 5] = 'r';
        out[at + 6] = 'e';
        out[at + 7] = 'e';
        System.arraycopy(mark, 0, out, at + 8, mark.length);
        return out;
    }

    private static byte[] markedImage(byte[] mark) {
        byte[] keyword = "Comment\0".getBytes(StandardCharsets.ISO_8859_1);
        int dataLength = keyword.length + mark.length;
        int before = IMAGE.length - IEND_LENGTH;
        byte[] out = new byte[IMAGE.length + 12 + dataLength];
        System.arraycopy(IMAGE, 0, out, 0, before);
        putInt(out, before, dataLength);
        byte[] type = "tEXt".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(type, 0, out, before + 4, 4);
        System.arraycopy(keyword, 0, out, before + 8, keyword.length);
        System.arraycopy(mark, 0, out, before + 8 + keyword.length, mark.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(out, before + 4, 4 + dataLength);
        putInt(out, before + 8 + dataLength, (int) crc.getValue());
        System.arraycopy(IMAGE, before, out, before + 12 + dataLength, IEND_LENGTH);
        return out;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static byte[] resource(String name) {
        try (InputStream in = GeneratedDownloadSource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the fake's sample file " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the fake's sample file " + name, e);
        }
    }
}
