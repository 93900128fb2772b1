package io.legnext.core.service;

import static io.legnext.core.error.Rejections.rejection;
import static io.legnext.core.job.TestJobs.EXTEND_JOB;
import static io.legnext.core.job.TestJobs.IMAGE_JOB;
import static io.legnext.core.job.TestJobs.VIDEO_JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.legnext.core.error.InsufficientCreditsException;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.error.NotFoundException;
import io.legnext.core.error.ServiceError;
import io.legnext.core.inmemory.InMemoryJobJournal;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.JobStatus;
import io.legnext.core.job.TaskType;
import io.legnext.core.job.TaskType.Kind;
import io.legnext.core.job.TestJobs;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.JobNotJournaledException;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.journal.SubmittedJob;
import io.legnext.core.port.out.JobJournalPort;
import io.legnext.core.port.out.JobQueryPort;
import io.legnext.core.port.out.VideoGenerationPort;
import io.legnext.core.request.AnimateImage;
import io.legnext.core.request.ExtendVideo;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.UpscaleVideo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.InOrder;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

@ExtendWith(MockitoExtension.class)
class VideoJobServiceTest {

    private static final Instant NOW = Instant.parse("2025-10-21T10:51:46Z");
    private static final JobId ACCEPTED = JobId.parse("0f0e0d0c-0b0a-4909-8807-060504030201");

    @Mock
    private VideoGenerationPort generation;

    @Mock
    private JobQueryPort query;

    private final InMemoryJobJournal journal = new InMemoryJobJournal();
    private VideoJobService service;

    @BeforeEach
    void createService() {
        service = new VideoJobService(generation, query, journal, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Job accepted(Kind kind) {
        return TestJobs.pending(ACCEPTED, kind);
    }

    private void givenJournalKnows(JobId id, Kind kind, int extensions) {
        journal.record(new SubmittedJob(
                id,
                TaskType.of(kind),
                Optional.of(VIDEO_JOB),
                Optional.of(VariantIndex.videoNo(0)),
                extensions,
                NOW.minusSeconds(600)));
    }

    @Nested
    class Generate {

        @Test
        void submitsTextToVideoAndAnswersTheAcceptedJob() {
            TextToVideo request = TextToVideo.of("a lighthouse at dusk");
            Job accepted = accepted(Kind.VIDEO_DIFFUSION);
            when(generation.generate(request)).thenReturn(accepted);

            assertThat(service.generate(request)).isSameAs(accepted);
            verify(generation).generate(request);
        }

        @Test
        void textToVideoLooksNothingUp() {
            when(generation.generate(any())).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            service.generate(TextToVideo.of("a lighthouse at dusk"));

            verifyNoInteractions(query);
        }

        @Test
        void imageUrlToVideoLooksNothingUp() {
            when(generation.generate(any())).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            service.generate(ImageToVideo.of("https://cdn.example.com/cat.jpg", "a cat walks"));

            verifyNoInteractions(query);
        }

        @Test
        void journalsANewVideoWithoutSourceStampedByTheClock() {
            when(generation.generate(any())).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            service.generate(TextToVideo.of("a lighthouse at dusk"));

            assertThat(journal.find(ACCEPTED))
                    .contains(new SubmittedJob(
                            ACCEPTED, TaskType.of(Kind.VIDEO_DIFFUSION), Optional.empty(), Optional.empty(), 0, NOW));
        }

        @Test
        void aSubmitWithAnOriginJournalsItInTheSameRecord() {
            when(generation.generate(any())).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            service.generate(TextToVideo.of("a lighthouse at dusk"), "batch-1/item-0");

            assertThat(journal.find(ACCEPTED).orElseThrow().origin()).contains("batch-1/item-0");
            assertThat(journal.findByOrigin("batch-1/item-0").map(SubmittedJob::id))
                    .contains(ACCEPTED);
        }

        @Test
        void rejectedSubmitJournalsNothing() {
            TextToVideo request = TextToVideo.of("a lighthouse at dusk");
            when(generation.generate(request))
                    .thenThrow(new InsufficientCreditsException(
                            "Submitting", new ServiceError(402, 402, "Insufficient credits", "", "")));

            assertThatExceptionOfType(InsufficientCreditsException.class).isThrownBy(() -> service.generate(request));
            assertThat(journal.entries()).isEmpty();
        }

        @Test
        void animateLooksTheImageJobUpBeforeSubmitting() {
            AnimateImage request = AnimateImage.of(IMAGE_JOB.toString(), 2);
            when(query.getJob(IMAGE_JOB)).thenReturn(TestJobs.completedImageJob(IMAGE_JOB));
            when(generation.generate(request)).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            service.generate(request);

            InOrder order = inOrder(query, generation);
            order.verify(query).getJob(IMAGE_JOB);
            order.verify(generation).generate(request);
        }

        @Test
        void animateJournalsTheImageJobAndImageItCameFrom() {
            AnimateImage request = AnimateImage.of(IMAGE_JOB.toString(), 2);
            when(query.getJob(IMAGE_JOB)).thenReturn(TestJobs.completedImageJob(IMAGE_JOB));
            when(generation.generate(request)).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            service.generate(request);

            assertThat(journal.find(ACCEPTED)).hasValueSatisfying(entry -> {
                assertThat(entry.source()).contains(IMAGE_JOB);
                assertThat(entry.index()).contains(VariantIndex.imageNo(2));
                assertThat(entry.extensions()).isZero();
            });
        }

        @Test
        void animatingAVideoJobSendsNothing() {
            when(query.getJob(VIDEO_JOB)).thenReturn(TestJobs.completedVideoJob(VIDEO_JOB));

            InvalidRequestException e = rejection(() -> service.generate(AnimateImage.of(VIDEO_JOB.toString(), 0)));

            assertThat(e.field()).isEqualTo("jobId");
            verifyNoInteractions(generation);
            assertThat(journal.entries()).isEmpty();
        }

        @Test
        void animatingAnImageJobStillRunningSendsNothing() {
            when(query.getJob(IMAGE_JOB)).thenReturn(TestJobs.job(IMAGE_JOB, Kind.DIFFUSION, JobStatus.PROCESSING));

            rejection(() -> service.generate(AnimateImage.of(IMAGE_JOB.toString(), 0)));

            verifyNoInteractions(generation);
        }

        @Test
        void animatingAnImageJobTheServiceDoesNotKnowSendsNothing() {
            NotFoundException notFound = new NotFoundException(
                    "Reading job " + IMAGE_JOB, new ServiceError(404, 404, "Job not found", "", ""));
            when(query.getJob(IMAGE_JOB)).thenThrow(notFound);

            assertThatExceptionOfType(NotFoundException.class)
                    .isThrownBy(() -> service.generate(AnimateImage.of(IMAGE_JOB.toString(), 0)));
            verifyNoInteractions(generation);
        }
    }

    @Nested
    class Extend {

        @Test
        void extendingAVideoDiffusionJobJournalsTheFirstExtension() {
            ExtendVideo request = ExtendVideo.of(VIDEO_JOB.toString(), 1);
            when(query.getJob(VIDEO_JOB)).thenReturn(TestJobs.completedVideoJob(VIDEO_JOB));
            when(generation.extend(request)).thenReturn(accepted(Kind.EXTEND_VIDEO));

            Job job = service.extend(request);

            assertThat(job.id()).isEqualTo(ACCEPTED);
            assertThat(journal.find(ACCEPTED))
                    .contains(new SubmittedJob(
                            ACCEPTED,
                            TaskType.of(Kind.EXTEND_VIDEO),
                            Optional.of(VIDEO_JOB),
                            Optional.of(VariantIndex.videoNo(1)),
                            1,
                            NOW));
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        void extendingAnExtensionTheJournalKnowsCountsOneMore(int extensionsSoFar) {
            ExtendVideo request = ExtendVideo.of(EXTEND_JOB.toString(), 0);
            givenJournalKnows(EXTEND_JOB, Kind.EXTEND_VIDEO, extensionsSoFar);
            when(query.getJob(EXTEND_JOB)).thenReturn(TestJobs.completedExtendJob(EXTEND_JOB));
            when(generation.extend(request)).thenReturn(accepted(Kind.EXTEND_VIDEO));

            service.extend(request);

            assertThat(journal.find(ACCEPTED).map(SubmittedJob::extensions)).contains(extensionsSoFar + 1);
            assertThat(journal.find(ACCEPTED).flatMap(SubmittedJob::source)).contains(EXTEND_JOB);
        }

        @Test
        void extendingAnExtensionTheJournalKnowsAtFourIsRefusedBeforeSendingAnything() {
            givenJournalKnows(EXTEND_JOB, Kind.EXTEND_VIDEO, 4);

            InvalidRequestException e = rejection(() -> service.extend(ExtendVideo.of(EXTEND_JOB.toString(), 0)));

            assertThat(e).hasMessageContaining("at most 20 s").hasMessageContaining("already extended 4 times");
            verifyNoInteractions(generation, query);
        }

        @Test
        void anExtensionUnknownToTheJournalCountsAsOne() {
            ExtendVideo request = ExtendVideo.of(EXTEND_JOB.toString(), 3);
            when(query.getJob(EXTEND_JOB)).thenReturn(TestJobs.completedExtendJob(EXTEND_JOB));
            when(generation.extend(request)).thenReturn(accepted(Kind.EXTEND_VIDEO));

            service.extend(request);

            assertThat(journal.find(ACCEPTED).map(SubmittedJob::extensions)).contains(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"pending", "processing", "failed"})
        void extendingAVideoJobThatHasNotCompletedSendsNothing(String status) {
            Job source = TestJobs.completedVideoJob(VIDEO_JOB).toBuilder()
                    .status(JobStatus.of(status))
                    .build();
            when(query.getJob(VIDEO_JOB)).thenReturn(source);

            rejection(() -> service.extend(ExtendVideo.of(VIDEO_JOB.toString(), 0)));

            verifyNoInteractions(generation);
            assertThat(journal.entries()).isEmpty();
        }

        @Test
        void extendingAnUpscaleSendsNothing() {
            when(query.getJob(VIDEO_JOB)).thenReturn(TestJobs.job(VIDEO_JOB, Kind.VIDEO_UPSCALE, JobStatus.COMPLETED));

            rejection(() -> service.extend(ExtendVideo.of(VIDEO_JOB.toString(), 0)));

            verifyNoInteractions(generation);
        }

        @Test
        void extendingAVideoTheJobDoesNotOfferSendsNothing() {
            Job source = TestJobs.completedVideoJob(VIDEO_JOB).toBuilder()
                    .availableActions(AvailableActions.of(Map.of("extend", List.of(0, 1), "upscale", List.of(0))))
                    .build();
            when(query.getJob(VIDEO_JOB)).thenReturn(source);

            InvalidRequestException e = rejection(() -> service.extend(ExtendVideo.of(VIDEO_JOB.toString(), 2)));

            assertThat(e.field()).isEqualTo("videoNo");
            verifyNoInteractions(generation);
        }
    }

    @Nested
    class Upscale {

        @Test
        void upscalingAVideoDiffusionJobJournalsItsSourceAndIndex() {
            UpscaleVideo request = UpscaleVideo.of(VIDEO_JOB.toString(), 3);
            when(query.getJob(VIDEO_JOB)).thenReturn(TestJobs.completedVideoJob(VIDEO_JOB));
            when(generation.upscale(request)).thenReturn(accepted(Kind.VIDEO_UPSCALE));

            service.upscale(request);

            assertThat(journal.find(ACCEPTED))
                    .contains(new SubmittedJob(
                            ACCEPTED,
                            TaskType.of(Kind.VIDEO_UPSCALE),
                            Optional.of(VIDEO_JOB),
                            Optional.of(VariantIndex.videoNo(3)),
                            0,
                            NOW));
        }

        @Test
        void upscalingAnExtensionKeepsItsLineageCount() {
            UpscaleVideo request = UpscaleVideo.of(EXTEND_JOB.toString(), 0);
            givenJournalKnows(EXTEND_JOB, Kind.EXTEND_VIDEO, 3);
            when(query.getJob(EXTEND_JOB)).thenReturn(TestJobs.completedExtendJob(EXTEND_JOB));
            when(generation.upscale(request)).thenReturn(accepted(Kind.VIDEO_UPSCALE));

            service.upscale(request);

            assertThat(journal.find(ACCEPTED).map(SubmittedJob::extensions)).contains(3);
        }

        @Test
        void upscalingAVideoJobThatHasNotCompletedSendsNothing() {
            when(query.getJob(VIDEO_JOB)).thenReturn(TestJobs.job(VIDEO_JOB, Kind.VIDEO_DIFFUSION, JobStatus.PENDING));

            rejection(() -> service.upscale(UpscaleVideo.of(VIDEO_JOB.toString(), 0)));

            verifyNoInteractions(generation);
            assertThat(journal.entries()).isEmpty();
        }

        @Test
        void upscalingAnImageJobSendsNothing() {
            when(query.getJob(IMAGE_JOB)).thenReturn(TestJobs.completedImageJob(IMAGE_JOB));

            rejection(() -> service.upscale(UpscaleVideo.of(IMAGE_JOB.toString(), 0)));

            verifyNoInteractions(generation);
        }
    }

    @Nested
    class JournalFailure {

        @Mock
        private JobJournalPort failingJournal;

        @Test
        void acceptedJobThatCannotBeJournaledIsReportedWithItsId() {
            VideoJobService withFailingJournal =
                    new VideoJobService(generation, query, failingJournal, Clock.fixed(NOW, ZoneOffset.UTC));
            IllegalStateException diskFull = new IllegalStateException("disk full");
            doThrow(diskFull).when(failingJournal).record(any());
            when(generation.generate(any())).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            assertThatExceptionOfType(JobNotJournaledException.class)
                    .isThrownBy(() -> withFailingJournal.generate(TextToVideo.of("a lighthouse")))
                    .withMessageContaining(ACCEPTED.toString())
                    .withMessageContaining("exists and is charged")
                    .withMessageContaining("disk full")
                    .withCause(diskFull)
                    .satisfies(e -> assertThat(e.job().id()).isEqualTo(ACCEPTED));
        }

        @Test
        void aJournalThatCannotTakeAnAppendStopsEverySubmitBeforeAnythingIsSent() {
            VideoJobService withFailingJournal =
                    new VideoJobService(generation, query, failingJournal, Clock.fixed(NOW, ZoneOffset.UTC));
            JournalUnavailableException readOnly = new JournalUnavailableException("read-only", null);
            doThrow(readOnly).when(failingJournal).checkWritable();

            assertThatExceptionOfType(JournalUnavailableException.class)
                    .isThrownBy(() -> withFailingJournal.generate(TextToVideo.of("a lighthouse")));
            assertThatExceptionOfType(JournalUnavailableException.class)
                    .isThrownBy(() -> withFailingJournal.extend(ExtendVideo.of(VIDEO_JOB.toString(), 0)));
            assertThatExceptionOfType(JournalUnavailableException.class)
                    .isThrownBy(() -> withFailingJournal.upscale(UpscaleVideo.of(VIDEO_JOB.toString(), 0)));
            // Not even the source job's lookup went out.
            verifyNoInteractions(generation, query);
        }

        @Test
        void theJournalIsCheckedAndTheAnswersDecodingReadiedBeforeTheSubmitIsSent() {
            VideoJobService withJournal =
                    new VideoJobService(generation, query, failingJournal, Clock.fixed(NOW, ZoneOffset.UTC));
            when(generation.generate(any())).thenReturn(accepted(Kind.VIDEO_DIFFUSION));

            withJournal.generate(TextToVideo.of("a lighthouse"));

            InOrder order = inOrder(failingJournal, generation);
            order.verify(failingJournal).checkWritable();
            order.verify(generation).prepareSubmit();
            order.verify(generation).generate(any());
            order.verify(failingJournal).record(any());
        }
    }

    @Nested
    class GetJob {

        @Test
        void answersTheJobAsTheQueryPortSeesIt() {
            Job job = TestJobs.completedVideoJob(VIDEO_JOB);
            when(query.getJob(VIDEO_JOB)).thenReturn(job);

            assertThat(service.getJob(VIDEO_JOB)).isSameAs(job);
            verifyNoInteractions(generation);
        }

        @Test
        void requiresAnId() {
            assertThatNullPointerException().isThrownBy(() -> service.getJob(null));
        }
    }

    @Test
    void requiresARequest() {
        assertThatNullPointerException().isThrownBy(() -> service.generate(null));
        assertThatNullPointerException().isThrownBy(() -> service.extend(null));
        assertThatNullPointerException().isThrownBy(() -> service.upscale(null));
        verifyNoInteractions(generation, query);
    }
}
