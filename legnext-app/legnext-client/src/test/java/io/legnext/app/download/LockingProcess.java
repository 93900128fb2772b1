package io.legnext.app.download;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM that locks a file, or asks whether it is locked, standing in for another legnext process: locks are
 * held per process, so only another process sees them as the operating system does.
 */
final class LockingProcess implements AutoCloseable {

    /** How long a child JVM may take to start on a loaded machine; bounds a failure only. */
    static final long START_MINUTES = 2;

    private final Process process;

    private LockingProcess(Process process) {
        this.process = process;
    }

    /**
     * {@code hold FILE}: locks FILE, says "locked", keeps the lock until stdin ends. {@code probe FILE}: says "held"
     * or "free".
     */
    public static void main(String[] args) throws IOException {
        try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.WRITE)) {
            if (args[0].equals("hold")) {
                channel.lock();
                System.out.println("locked");
                System.out.flush();
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            } else {
                FileLock lock = channel.tryLock();
                System.out.println(lock == null ? "held" : "free");
            }
        }
    }

    /** Another process holding a lock on the whole of {@code file} until closed. */
    static LockingProcess hold(Path file) throws Exception {
        LockingProcess p = new LockingProcess(start("hold", file));
        String line = p.firstLine();
        if (!"locked".equals(line)) {
            p.close();
            throw new AssertionError("the locking process said " + line);
        }
        return p;
    }

    /** Whether another process finds {@code file} locked. */
    static boolean lockedForOthers(Path file) throws Exception {
        try (LockingProcess p = new LockingProcess(start("probe", file))) {
            String line = p.firstLine();
            if (!"held".equals(line) && !"free".equals(line)) {
                throw new AssertionError("the probing process said " + line);
            }
            return line.equals("held");
        }
    }

    private static Process start(String mode, Path file) throws Exception {
        Path classes = Path.of(LockingProcess.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classes.toString(),
                        LockingProcess.class.getName(),
                        mode,
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private String firstLine() throws Exception {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        return "nothing (" + e.getMessage() + ")";
                    }
                })
                .get(START_MINUTES, TimeUnit.MINUTES);
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(START_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
    }
}
