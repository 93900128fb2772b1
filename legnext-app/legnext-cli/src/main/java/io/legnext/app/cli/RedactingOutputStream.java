package io.legnext.app.cli;

import io.legnext.core.secret.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The process's own {@code System.out} and {@code System.err}, passed line by line through the {@link Redactor}:
 * what a library logs there (the verbose mode's log lines) is masked like everything the commands print.
 */
final class RedactingOutputStream extends OutputStream {

    private final OutputStream out;
    private final Redactor redactor;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    RedactingOutputStream(OutputStream out, Redactor redactor) {
        this.out = Objects.requireNonNull(out, "out");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int off, int len) throws IOException {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(bytes, start, off + len - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        emit();
        out.close();
    }

    private void emit() throws IOException {
        if (line.size() > 0) {
            out.write(redactor.redact(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
