package io.legnext.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobFailureTest {

    @Test
    void describesCodeAndMessage() {
        assertThat(new JobFailure(10003, "Sensitive content", "").describe())
                .isEqualTo("code 10003, Sensitive content");
    }

    @Test
    void describesRawMessageWhenItAddsSomething() {
        assertThat(new JobFailure(500, "Task failed", "upstream timeout").describe())
                .isEqualTo("code 500, Task failed (upstream timeout)");
    }

    @Test
    void doesNotRepeatARawMessageEqualToTheMessage() {
        assertThat(new JobFailure(500, "Task failed", "Task failed").describe()).isEqualTo("code 500, Task failed");
    }

    @Test
    void fallsBackToTheRawMessageWhenTheMessageIsBlank() {
        assertThat(new JobFailure(7, " ", "queue full").describe()).isEqualTo("code 7, queue full");
    }

    @Test
    void saysNoMessageWhenThereIsNone() {
        assertThat(new JobFailure(0, null, null).describe()).isEqualTo("code 0, no message");
    }

    @Test
    void turnsAbsentMessagesIntoEmptyText() {
        JobFailure failure = new JobFailure(1, null, null);

        assertThat(failure.message()).isEmpty();
        assertThat(failure.rawMessage()).isEmpty();
    }

    @Test
    void unspecifiedSaysTheServiceGaveNoReason() {
        assertThat(JobFailure.UNSPECIFIED.describe()).isEqualTo("code 0, the service gave no reason");
    }
}
