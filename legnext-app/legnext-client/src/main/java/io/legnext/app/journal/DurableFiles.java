package io.legnext.app.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The two steps that make a journal write durable: every byte written, and the directory entry forced. */
final class DurableFiles {

    private DurableFiles() {}

    /** Writes all of {@code bytes}: a channel may take fewer than it is given. */
    static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }

    /** Makes a new or renamed file's directory entry durable; not every platform allows it, hence best effort. */
    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Best effort: Windows cannot open directories; the file's own data is already forced.
        }
    }
}
