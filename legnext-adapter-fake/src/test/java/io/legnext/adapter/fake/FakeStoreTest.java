package io.legnext.adapter.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.error.InvalidParametersException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobFailure;
import io.legnext.core.job.JobId;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import io.legnext.core.time.VirtualTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The persistent fake over real files: replay, torn and damaged lines, reset, instances sharing one directory. */
class FakeStoreTest {

    private static final Duration LIFETIME = Duration.ofMinutes(10);

    @TempDir
    Path dir;

    private final VirtualTime time = new VirtualTime();

    private FakeLegnext open() {
        return FakeLegnext.builder(time).persistentIn(dir).build();
    }

    private Path log() {
        return dir.resolve(FakeStore.LOG);
    }

    @Test
    void aNewInstanceReplaysJobsBalanceAndLineage() {
        FakeLegnext first = open();
        first.failNextJob(7, "the model tripped");
        Job failed = first.generate(TextToVideo.of("a cat walks"));
        Job ok = first.generate(TextToVideo.of("a dog runs | with a %pipe\nand a line break"));
        time.advance(LIFETIME);
        Job extension = first.extend(ExtendVideo.of(ok.id().toString(), 2));

        FakeLegnext second = open();

        assertThat(second.jobCount()).isEqualTo(3);
        assertThat(second.getJob(ok.id())).isEqualTo(first.getJob(ok.id()));
        assertThat(second.getJob(failed.id()).failure()).contains(new JobFailure(7, "the model tripped", ""));
        assertThat(second.getJob(extension.id())).isEqualTo(first.getJob(extension.id()));
        // The failed job's points came back; the other two are charged.
        assertThat(second.getBalance().availablePoints())
                .isEqualTo(FakeLegnext.DEFAULT_POINTS - 2 * 480)
                .isEqualTo(first.getBalance().availablePoints());
    }

    @Test
    void twoInstancesOverOneDirectorySeeEachOthersJobsAndBalance() {
        FakeLegnext a = open();
        FakeLegnext b = open();

        Job fromA = a.generate(TextToVideo.of("a cat walks"));
        Job fromB = b.generate(TextToVideo.of("a dog runs"));
        b.setAvailableCredits(1234);

        assertThat(b.getJob(fromA.id()).id()).isEqualTo(fromA.id());
        assertThat(a.getJob(fromB.id()).id()).isEqualTo(fromB.id());
        assertThat(a.getBalance().availablePoints()).isEqualTo(FakeLegnext.DEFAULT_POINTS - 2 * 480);
        assertThat(a.getBalance().availableCredits()).isEqualTo(1234);
        assertThat(a.jobCount()).isEqualTo(2).isEqualTo(b.jobCount());
    }

    @Test
    void theFifthExtensionIsRefusedByAFreshInstanceOverTheSameDirectory() {
        JobId last = open().generate(TextToVideo.of("a cat walks")).id();
        for (int i = 1; i <= 4; i++) {
            time.advance(LIFETIME);
            // Each extension from an instance of its own, as separate commands would.
            last = open().extend(ExtendVideo.of(last.toString(), 0)).id();
        }
        time.advance(LIFETIME);
        JobId fourth = last;

        FakeLegnext fresh = open();
        assertThatThrownBy(() -> fresh.extend(ExtendVideo.of(fourth.toString(), 0)))
                .isInstanceOf(InvalidParametersException.class)
                .hasMessageContaining("is the last of 4 extensions of its video (20 s)");
        assertThat(fresh.upscale(UpscaleVideo.of(fourth.toString(), 0)).id()).isNotNull();
    }

    @Test
    void aTornLastLineIsIgnoredByReadersAndTruncatedByTheNextWriter() throws IOException {
        FakeLegnext writer = open();
        Job kept = writer.generate(TextToVideo.of("a cat walks"));
        long whole = Files.size(log());
        byte[] line =
                StoreRecord.line(new StoreRecord.BalanceSet(false, 1, time.now().toEpochMilli()));
        // What a kill -9 in the middle of a write leaves: the first part of a line, no newline.
        Files.write(log(), java.util.Arrays.copyOf(line, line.length / 2), StandardOpenOption.APPEND);

        FakeLegnext reader = open();
        assertThat(reader.getJob(kept.id()).id()).isEqualTo(kept.id());
        assertThat(reader.getBalance().availablePoints()).isEqualTo(FakeLegnext.DEFAULT_POINTS - 480);
        assertThat(Files.size(log())).as("a reader leaves the tail alone").isGreaterThan(whole);

        Job next = reader.generate(TextToVideo.of("a dog runs"));

        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        assertThat(lines)
                .hasSize(3)
                .allSatisfy(l -> assertThat(StoreRecord.parse(bytes(l), 0, bytes(l).length))
                        .isNotNull());
        assertThat(open().getJob(next.id()).id()).isEqualTo(next.id());
        assertThat(writer.getJob(next.id()).id())
                .as("the first instance reads on from its offset")
                .isEqualTo(next.id());
    }

    @Test
    void aLineWhoseChecksumDoesNotMatchIsSkippedAndTruncatedWhenLast() throws IOException {
        FakeLegnext writer = open();
        Job kept = writer.generate(TextToVideo.of("a cat walks"));
        Job damaged = writer.generate(TextToVideo.of("a dog runs"));
        List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
        String last = lines.get(2);
        // One character of the payload changed, the checksum left as it was: a line damaged, not torn.
        String changed = last.substring(0, 20) + (last.charAt(20) == 'a' ? 'b' : 'a') + last.substring(21);
        Files.writeString(log(), lines.get(0) + "\n" + lines.get(1) + "\n" + changed + "\n", StandardCharsets.UTF_8);

        FakeLegnext reader = open();
        assertThat(reader.getJob(kept.id()).id()).isEqualTo(kept.id());
        assertThatThrownBy(() -> reader.getJob(damaged.id())).isInstanceOf(NotFoundException.class);
        assertThat(reader.jobCount()).isEqualTo(1);

        reader.generate(TextToVideo.of("a bird flies"));
        assertThat(Files.readAllLines(log(), StandardCharsets.UTF_8)).hasSize(3).doesNotContain(changed);
    }

    @Test
    void aRecordTypeOfALaterFormatIsKeptAndIgnored() throws IOException {
        open().generate(TextToVideo.of("a cat walks"));
        byte[] payload = "Z|something new".getBytes(StandardCharsets.UTF_8);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(payload);
        String unknown = String.format("%08x ", crc.getValue()) + "Z|something new";
        Files.writeString(log(), unknown + "\n", StandardOpenOption.APPEND);

        FakeLegnext reader = open();
        reader.generate(TextToVideo.of("a dog runs"));

        assertThat(reader.jobCount()).isEqualTo(2);
        assertThat(Files.readAllLines(log(), StandardCharsets.UTF_8))
                .contains(unknown)
                .hasSize(4);
    }

    @Test
    void aResetEmptiesTheStoreForEveryInstanceEvenOnesAlreadyOpen() {
        FakeLegnext running = open();
        Job before = running.generate(TextToVideo.of("a cat walks"));
        running.setAvailablePoints(960);

        assertThat(FakeServiceStore.reset(dir)).isEqualTo(1);

        assertThatThrownBy(() -> running.getJob(before.id())).isInstanceOf(NotFoundException.class);
        assertThat(running.getBalance().availablePoints()).isEqualTo(FakeLegnext.DEFAULT_POINTS);
        assertThat(running.jobCount()).isZero();
        Job after = running.generate(TextToVideo.of("a dog runs"));
        assertThat(open().getJob(after.id()).id()).isEqualTo(after.id());
        assertThat(FakeServiceStore.reset(dir.resolve("never-used"))).isZero();
    }

    @Test
    void aResetIsSeenByAnOpenInstanceEvenWhenTheWriterAfterItWroteTheHeaderBefore() {
        FakeLegnext a = open();
        FakeLegnext b = open();
        Job forgotten = a.generate(TextToVideo.of("a cat walks"));
        assertThat(b.getJob(forgotten.id()).id()).isEqualTo(forgotten.id());

        FakeServiceStore.reset(dir);
        // The same instance writes the new header as wrote the old one, then enough to pass b's read position.
        a.generate(TextToVideo.of("one"));
        a.generate(TextToVideo.of("two"));
        a.generate(TextToVideo.of("three"));

        assertThat(b.jobCount()).isEqualTo(3);
        assertThatThrownBy(() -> b.getJob(forgotten.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aWholeFirstLineThatIsNotAHeaderIsRefusedNotTruncated() throws IOException {
        FakeLegnext first = open();
        first.generate(TextToVideo.of("a cat walks"));
        byte[] log = Files.readAllBytes(log());
        log[5] ^= 0x01; // damage the header's bytes; its checksum no longer matches
        Files.write(log(), log);

        assertThatThrownBy(() -> open().jobCount())
                .hasMessageContaining("is damaged")
                .hasMessageContaining("legnext fake reset");
        assertThat(Files.size(log())).as("nothing truncated").isEqualTo(log.length);
    }

    @Test
    void aHeaderLongerThanOneReadIsReadWhole() {
        FakeLegnext longAccount = FakeLegnext.builder(time)
                .persistentIn(dir)
                .accountId("x".repeat(5000))
                .build();
        Job job = longAccount.generate(TextToVideo.of("a cat walks"));

        assertThat(longAccount.jobCount()).isEqualTo(1);
        assertThat(open().getJob(job.id()).id()).isEqualTo(job.id());
    }

    @Test
    void aNewStoreStartsWithTheBuildersAccountAndAnExistingOneKeepsItsOwn() {
        FakeLegnext.builder(time)
                .persistentIn(dir)
                .availablePoints(2000)
                .accountId("acct-1")
                .build();

        FakeLegnext other =
                FakeLegnext.builder(time).persistentIn(dir).availablePoints(5).build();

        assertThat(other.getBalance().availablePoints()).isEqualTo(2000);
        assertThat(other.getBalance().accountId()).isEqualTo("acct-1");
    }

    @Test
    void aStoreOfALaterFormatIsRefusedInWords() throws IOException {
        Files.createDirectories(dir);
        Files.write(log(), StoreRecord.line(new StoreRecord.Header(99, 1, 0, 0, "a", 0, 0, 1)));

        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("written by a later legnext (format 99, this one reads 1)")
                .hasMessageContaining("legnext fake reset");
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsSaidInWords() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> FakeLegnext.builder(time)
                        .persistentIn(file.resolve("fake"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the fake service's store in " + file.resolve("fake"))
                .hasMessageContaining("Not a directory")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void theClockAnchorIsSharedAndAnotherSpeedReAnchorsWithoutGoingBack() {
        MutableClock wall = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        FakeServiceStore.Anchor first = FakeServiceStore.anchor(dir, 100, wall);
        assertThat(first.service()).isEqualTo(first.wall()).isEqualTo(wall.instant());

        wall.now = wall.now.plusSeconds(5);
        assertThat(FakeServiceStore.anchor(dir, 100, wall))
                .as("same speed: the same anchor")
                .isEqualTo(first);

        FakeServiceStore.Anchor faster = FakeServiceStore.anchor(dir, 10_000, wall);
        assertThat(faster.speed()).isEqualTo(10_000);
        assertThat(faster.wall()).isEqualTo(wall.instant());
        // 5 wall seconds at 100x: the service's time went on by 500 s, and goes on from there.
        assertThat(faster.service()).isEqualTo(first.service().plusSeconds(500));

        wall.now = wall.now.minusSeconds(60);
        FakeServiceStore.Anchor afterStepBack = FakeServiceStore.anchor(dir, 10_000, wall);
        assertThat(afterStepBack.service()).as("never back").isEqualTo(faster.service());
        assertThat(afterStepBack.wall()).isEqualTo(wall.instant());
    }

    private static byte[] bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** A wall clock the test sets. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
