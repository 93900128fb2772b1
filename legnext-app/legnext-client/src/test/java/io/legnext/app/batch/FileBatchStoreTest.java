package io.legnext.app.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.JobId;
import io.legnext.core.port.out.BatchStorePort;
import io.legnext.core.port.out.contract.BatchStorePortContract;
import io.legnext.core.secret.Redactor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBatchStoreTest extends BatchStorePortContract {

    @TempDir
    Path dir;

    private FileBatchStore store;

    /** Opened before each test: the contract's racing threads must share one store, not each open their own. */
    @BeforeEach
    void openStore() {
        store = new FileBatchStore(dir.resolve("contract"));
    }

    @Override
    protected BatchStorePort store() {
        return store;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static ItemRecord accepted(String key) {
        return ItemRecord.pending(key).accepted(JobId.random());
    }

    @Test
    void aReopenedStoreReplaysWhatWasKept() {
        ItemRecord a = accepted("a");
        ItemRecord b = ItemRecord.pending("b").with(ItemState.FAILED, "refused: 'prompt' must be ...");
        try (FileBatchStore first = new FileBatchStore(dir)) {
            first.save("one", a);
            first.save("one", b);
            first.save("one", a.with(ItemState.COMPLETED, null));
            first.keepDigest("one", "a", "d1");
        }

        try (FileBatchStore again = new FileBatchStore(dir)) {
            assertThat(again.load("one"))
                    .containsOnly(Map.entry("a", a.with(ItemState.COMPLETED, null)), Map.entry("b", b));
            assertThat(again.digests("one")).containsOnly(Map.entry("a", "d1"));
        }
    }

    @Test
    void everyLineCarriesACrcOfItsJson() throws Exception {
        try (FileBatchStore s = new FileBatchStore(dir)) {
            s.save("one", accepted("a"));
        }

        List<String> lines = Files.readAllLines(FileBatchStore.fileOf(dir, "one"));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("[0-9a-f]{8} \\{\"type\":\"item\",\"key\":\"a\",\"state\":\"ACCEPTED\".*");
        assertThat(FileBatchStore.framed(lines.get(0).substring(9))).isEqualTo(lines.get(0) + "\n");
    }

    @Test
    void aTornLastLineIsSkippedAndCutOffByTheNextWriter() throws Exception {
        ItemRecord a = accepted("a");
        try (FileBatchStore s = new FileBatchStore(dir)) {
            s.save("one", a);
        }
        Path file = FileBatchStore.fileOf(dir, "one");
        String whole = FileBatchStore.framed("{\"type\":\"item\",\"key\":\"b\",\"state\":\"COMPLETED\"}");
        // A kill in the middle of a write: half a line, no newline.
        Files.writeString(file, whole.substring(0, 20), StandardOpenOption.APPEND);

        assertThat(FileBatchStore.read(dir, "one").records()).containsOnly(Map.entry("a", a));
        assertThat(FileBatchStore.read(dir, "one").skippedLines()).isEqualTo(1);

        ItemRecord c = accepted("c");
        try (FileBatchStore s = new FileBatchStore(dir)) {
            assertThat(s.load("one")).containsOnly(Map.entry("a", a));
            s.save("one", c);
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(FileBatchStore.read(dir, "one").records()).containsOnly(Map.entry("a", a), Map.entry("c", c));
        assertThat(FileBatchStore.read(dir, "one").skippedLines()).isZero();
    }

    @Test
    void aLineWhoseCrcDoesNotMatchIsSkippedAndTheRestIsRead() throws Exception {
        ItemRecord a = accepted("a");
        ItemRecord b = accepted("b");
        try (FileBatchStore s = new FileBatchStore(dir)) {
            s.save("one", a);
            s.save("one", b);
        }
        Path file = FileBatchStore.fileOf(dir, "one");
        List<String> lines = Files.readAllLines(file);
        // One byte of the first record flipped: ACCEPTED becomes ACCEPTEE, the CRC no longer matches.
        Files.writeString(file, lines.get(0).replace("ACCEPTED", "ACCEPTEE") + "\n" + lines.get(1) + "\n");

        FileBatchStore.Snapshot snapshot = FileBatchStore.read(dir, "one");

        assertThat(snapshot.records()).containsOnly(Map.entry("b", b));
        assertThat(snapshot.skippedLines()).isEqualTo(1);
        try (FileBatchStore s = new FileBatchStore(dir)) {
            assertThat(s.load("one")).containsOnly(Map.entry("b", b));
        }
    }

    @Test
    void loadAndClaimAnswerFromMemoryNotFromTheFile() throws Exception {
        try (FileBatchStore s = new FileBatchStore(dir)) {
            s.save("one", accepted("a"));
            // Whatever happens to the file behind its back, the store answers what it wrote.
            Files.writeString(FileBatchStore.fileOf(dir, "one"), "");

            assertThat(s.load("one")).containsOnlyKeys("a");
            assertThat(s.claim("one", List.of("a", "b"), 6))
                    .hasValueSatisfying(r -> assertThat(r.key()).isEqualTo("b"));
        }
    }

    @Test
    void aSecondStoreOnTheSameBatchIsRefusedUntilTheFirstCloses() {
        FileBatchStore first = new FileBatchStore(dir);
        first.save("one", accepted("a"));

        try (FileBatchStore second = new FileBatchStore(dir)) {
            assertThatThrownBy(() -> second.load("one"))
                    .isInstanceOf(BatchStoreException.InUse.class)
                    .hasMessageContaining("Batch 'one' is being run by another legnext process")
                    .hasMessageContaining(FileBatchStore.fileOf(dir, "one").toString());
            // Another batch in the same directory is free.
            assertThat(second.load("two")).isEmpty();
        }

        first.close();
        try (FileBatchStore third = new FileBatchStore(dir)) {
            assertThat(third.load("one")).containsOnlyKeys("a");
        }
    }

    @Test
    void anotherProcessIsRefusedTheBatchAndGetsItOnceTheHolderIsKilled() throws Exception {
        Process holder = holder("hold");
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");

            try (FileBatchStore here = new FileBatchStore(dir)) {
                assertThatThrownBy(() -> here.load("one"))
                        .isInstanceOf(BatchStoreException.InUse.class)
                        .hasMessageContaining("another legnext process");
            }
        } finally {
            holder.destroyForcibly();
            assertThat(holder.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        // kill -9 leaves no lock behind: the operating system releases it with the process.
        try (FileBatchStore here = new FileBatchStore(dir)) {
            assertThat(here.load("one")).containsOnlyKeys("held-by-child");
        }
    }

    @Test
    void aProcessAskingForABatchThisOneHoldsIsToldItIsInUse() throws Exception {
        try (FileBatchStore here = new FileBatchStore(dir)) {
            here.save("one", accepted("mine"));

            Process other = holder("try");
            String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(said).startsWith("in use: Batch 'one' is being run by another legnext process");
        }
    }

    @Test
    void detailsAreRedactedBeforeTheyAreWritten() throws Exception {
        try (FileBatchStore s = new FileBatchStore(dir, Redactor.URL_CREDENTIALS.with("sk-secret-key-123"))) {
            s.save("one", ItemRecord.pending("a").with(ItemState.FAILED, "refused for sk-secret-key-123"));
        }

        assertThat(Files.readString(FileBatchStore.fileOf(dir, "one"))).doesNotContain("sk-secret-key-123");
    }

    @Test
    void batchIdsThatAreNotSafeFileNamesGetSafeDistinctFiles() {
        Path a = FileBatchStore.fileOf(dir, "../etc passwd");
        Path b = FileBatchStore.fileOf(dir, "..-etc_passwd");

        assertThat(a.getParent()).isEqualTo(dir);
        assertThat(a.getFileName().toString()).matches("[A-Za-z0-9_-][A-Za-z0-9._-]*\\.log");
        assertThat(a).isNotEqualTo(b);
        assertThat(FileBatchStore.fileOf(dir, "shots-1a2b")).isEqualTo(dir.resolve("shots-1a2b.log"));
    }

    private Process holder(String mode) throws Exception {
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        dir.toString(),
                        mode)
                .redirectErrorStream(true)
                .start();
    }

    /** A second process: holds batch "one" until killed ({@code hold}), or tries to open it ({@code try}). */
    static final class Holder {
        public static void main(String[] args) throws Exception {
            FileBatchStore s = new FileBatchStore(Path.of(args[0]));
            if (args[1].equals("hold")) {
                s.save("one", accepted("held-by-child"));
                System.out.println("held");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            try {
                s.load("one");
                System.out.println("opened");
            } catch (BatchStoreException.InUse e) {
                System.out.println("in use: " + e.getMessage());
            }
        }
    }
}
