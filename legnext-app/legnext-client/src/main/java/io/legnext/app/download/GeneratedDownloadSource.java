package io.legnext.app.download;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Serves made-up video files for the fake adapter's result URLs, which point at a CDN that never saw them: the
 * same URL always gives the same bytes, so downloads on the fake behave like real ones (and repeat as identical).
 */
public final class GeneratedDownloadSource implements DownloadSource {

    /** The smallest generated file. */
    static final int MIN_SIZE = 48 * 1024;
    /** How much larger than {@link #MIN_SIZE} a file may be. */
    static final int SIZE_SPREAD = 64 * 1024;

    @Override
    public Opened open(URI url) {
        byte[] bytes = bytesFor(url);
        return new Opened(new ByteArrayInputStream(bytes), bytes.length);
    }

    /** The bytes of one URL: an MP4 file-type box, then noise drawn from the URL's path. */
    static byte[] bytesFor(URI url) {
        String path = url.getRawPath() == null ? url.toString() : url.getRawPath();
        SplittableRandom random = new SplittableRandom(path.hashCode() * 0x9E3779B97F4A7C15L);
        byte[] bytes = new byte[MIN_SIZE + random.nextInt(SIZE_SPREAD)];
        random.nextBytes(bytes);
        byte[] header = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm',
            'p', '4', '1'};
        System.arraycopy(header, 0, bytes, 0, header.length);
        byte[] note = "legnext fake adapter: not a real video".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(note, 0, bytes, header.length, note.length);
        return bytes;
    }
}
