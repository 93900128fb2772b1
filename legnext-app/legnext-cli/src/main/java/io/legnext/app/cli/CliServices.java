package io.legnext.app.cli;

import io.legnext.adapter.fake.FakeLegnext;
import io.legnext.adapter.fake.FakeServiceStore;
import io.legnext.adapter.feign.LegnextHttpAdapter;
import io.legnext.app.Legnext;
import io.legnext.app.download.DownloadSource;
import io.legnext.app.download.GeneratedDownloadSource;
import io.legnext.app.download.HttpDownloadSource;
import io.legnext.app.journal.FileJobJournal;
import io.legnext.core.port.out.Scheduler;
import io.legnext.core.time.ExecutorScheduler;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The command line's composition root: the {@link Legnext} facade over the chosen adapter, the file journal the
 * core writes to, and where downloads come from.
 *
 * @param legnext the use cases
 * @param journal the journal on disk, shared with the core
 * @param downloads where result files come from
 * @param settings what this was built from
 * @param onClose stops what was started for this command
 */
public record CliServices(
        Legnext legnext, FileJobJournal journal, DownloadSource downloads, Settings settings, AutoCloseable onClose)
        implements AutoCloseable {

    /** Opens services for one command. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param settings what to open
         * @param notices takes one-line notices for stderr (the fake's delivery warnings, say)
         * @throws CliUsageException when the settings cannot work (e.g. http without a key)
         */
        CliServices open(Settings settings, Consumer<String> notices);
    }

    /** How long a command, as it ends, lets the fake's due callbacks go out. */
    static final java.time.Duration CALLBACK_GRACE = java.time.Duration.ofSeconds(5);

    public CliServices {
        Objects.requireNonNull(legnext, "legnext");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(downloads, "downloads");
        Objects.requireNonNull(settings, "settings");
        onClose = Objects.requireNonNullElse(onClose, () -> {});
    }

    /**
     * The default factory: the local fake service (kept under the home, shared by every process, in accelerated
     * time), or the HTTP adapter with the key from the environment.
     */
    public static CliServices create(Settings settings, Consumer<String> notices) {
        if (settings.adapter() == Settings.Adapter.FAKE) {
            return localFake(settings, notices);
        }
        String key = settings.apiKey()
                .orElseThrow(() -> new CliUsageException("The http adapter needs an API key:"
                        + " set " + Settings.API_KEY_ENV + " (there is no --api-key option, so keys stay out of shell"
                        + " history), or use --adapter fake."));
        ExecutorScheduler scheduler = ExecutorScheduler.create(2, 1.0);
        FileJobJournal journal =
                new FileJobJournal(settings.home(), serviceOf(settings), scheduler.clock(), settings.redactor());
        Legnext legnext;
        try {
            legnext = Legnext.builder()
                    .http(key)
                    .baseUri(settings.baseUri())
                    .httpLogLevel(
                            settings.verbose() ? LegnextHttpAdapter.LogLevel.BASIC : LegnextHttpAdapter.LogLevel.NONE)
                    .applicationName("legnext-cli/" + VersionProvider.version().replace(' ', '-'))
                    .scheduler(scheduler)
                    .journal(journal)
                    .build();
        } catch (IllegalArgumentException e) {
            scheduler.close();
            // The adapter's messages never repeat the key.
            throw new CliUsageException(Settings.API_KEY_ENV + " is not usable: " + e.getMessage());
        }
        return new CliServices(legnext, journal, url -> HttpDownloads.SOURCE.open(url), settings, () -> {
            legnext.close();
            scheduler.close();
        });
    }

    /**
     * The fake service kept in {@link Settings#fakeStore()}: every command sees the jobs, balance and lineage of
     * the earlier ones, on the clock they share. On close it lets the callbacks it took on that are due be sent.
     */
    private static CliServices localFake(Settings settings, Consumer<String> notices) {
        ExecutorScheduler scheduler;
        FakeLegnext fake;
        Settings.FakeLimits limits = settings.fakeLimits();
        try {
            scheduler = FakeServiceStore.scheduler(settings.fakeStore(), 2, settings.fakeSpeed());
        } catch (IllegalStateException e) {
            throw unusableStore(e);
        }
        try {
            // Callbacks are stamped with the wall clock: a receiver compares them with its own, not with ours.
            FakeLegnext.Builder builder = FakeLegnext.builder(scheduler)
                    .signingClock(Clock.systemUTC())
                    .logger(new NoticeLogger(
                            notices, settings.verbose() ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING))
                    .maxConcurrentJobs(limits.maxJobs())
                    .rejectWhenBusy(limits.rejectWhenBusy())
                    .jobTtl(limits.jobTtl());
            fake = builder.persistentIn(settings.fakeStore()).build();
        } catch (IllegalStateException e) {
            scheduler.close();
            throw unusableStore(e);
        }
        CliServices fakeServices = fake(settings, fake, scheduler);
        return new CliServices(
                fakeServices.legnext(), fakeServices.journal(), fakeServices.downloads(), settings, () -> {
                    try {
                        fake.awaitCallbacks(CALLBACK_GRACE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        fakeServices.close();
                        scheduler.close();
                    }
                });
    }

    private static CliUsageException unusableStore(IllegalStateException e) {
        return new CliUsageException("The local fake service cannot start: " + e.getMessage() + ". Point "
                + Settings.HOME_ENV + " at a writable directory, or reset it: legnext fake reset.");
    }

    /**
     * Services over a given fake and its scheduler, leaving both running on close: tests share one fake across
     * commands this way.
     */
    public static CliServices fake(Settings settings, FakeLegnext fake, Scheduler scheduler) {
        FileJobJournal journal =
                new FileJobJournal(settings.home(), Legnext.FAKE_SERVICE, scheduler.clock(), settings.redactor());
        Legnext legnext = Legnext.builder()
                .fake(fake)
                .scheduler(scheduler)
                .journal(journal)
                .build();
        return new CliServices(legnext, journal, new GeneratedDownloadSource(), settings, legnext);
    }

    /**
     * The HTTP download source, made at the first download: its client sets up TLS for the CDN, which reads the
     * system trust store, a large share of the start of a command that downloads nothing.
     */
    private static final class HttpDownloads {
        static final HttpDownloadSource SOURCE = new HttpDownloadSource();
    }

    private static String serviceOf(Settings settings) {
        return settings.baseUri().toString().replaceAll("/+$", "");
    }

    /** Whether the fake is behind these services. */
    public boolean isFake() {
        return legnext.isFake();
    }

    @Override
    public void close() {
        try {
            onClose.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the services: " + e.getMessage(), e);
        }
    }
}
