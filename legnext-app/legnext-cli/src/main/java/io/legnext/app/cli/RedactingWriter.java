package io.legnext.app.cli;

import io.legnext.core.secret.Redactor;
import java.io.IOException;
import java.io.Writer;
import java.util.Objects;

/**
 * A writer that passes every line through the {@link Redactor} before it reaches the terminal: results, notices,
 * progress, picocli's messages and stack traces alike, so that no path of the command line can print a secret.
 *
 * <p>Text is held until a line ends or the writer is flushed, so that a secret printed in pieces within one line
 * is still masked whole. Thread-safe.
 */
final class RedactingWriter extends Writer {

    private final Writer out;
    private final StringBuilder line = new StringBuilder();
    private volatile Redactor redactor;

    RedactingWriter(Writer out, Redactor redactor) {
        this.out = Objects.requireNonNull(out, "out");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** Masks {@code secret} too from now on (a secret learned from an option, say). */
    void alsoMask(String secret) {
        redactor = redactor.with(secret);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        synchronized (lock) {
            for (int i = off; i < off + len; i++) {
                char c = chars[i];
                line.append(c);
                if (c == '\n') {
                    emit();
                }
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            emit();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            emit();
            out.close();
        }
    }

    private void emit() throws IOException {
        if (line.length() > 0) {
            out.write(redactor.redact(line.toString()));
            line.setLength(0);
        }
    }
}
