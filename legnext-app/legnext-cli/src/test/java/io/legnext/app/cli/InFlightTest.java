package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.legnext.core.job.JobId;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the shutdown hook says after Ctrl-C or a kill, by what was under way. */
class InFlightTest {

    final InFlight inFlight = new InFlight();
    final JobId id = JobId.random();

    @Test
    void aSubmitInFlightSaysAJobMayExistAndMustNotBeResentBlindly() {
        inFlight.submitting("legnext video generate", false);

        assertThat(inFlight.interruptLines())
                .singleElement()
                .asString()
                .contains("legnext video generate")
                .contains("may have been created and charged")
                .contains("not in the journal")
                .contains("blindly")
                .doesNotContain("is in the journal");
    }

    @Test
    void anAcceptedSubmitNamesItsJobWhichIsInTheJournal() {
        InFlight.Submit submit = inFlight.submitting("legnext video generate", false);
        submit.accepted(id);

        assertThat(inFlight.interruptLines())
                .singleElement()
                .asString()
                .contains(id.toString())
                .contains("is in the journal")
                .contains("legnext job wait " + id)
                .doesNotContain("may have been");
    }

    @Test
    void aSubmitThenAWaitSaysOnceHowToPickTheJobUp() {
        InFlight.Submit submit = inFlight.submitting("legnext video generate", false);
        submit.accepted(id);
        inFlight.waiting(id, true, false);

        assertThat(inFlight.interruptLines())
                .singleElement()
                .asString()
                .contains("waiting for job " + id)
                .contains("keeps running and is in the journal")
                .contains("legnext jobs resume");
    }

    @Test
    void aWaitForAJobTheJournalDoesNotKnowNeverClaimsItIsThere() {
        inFlight.waiting(id, false, false);

        assertThat(inFlight.interruptLines())
                .singleElement()
                .asString()
                .contains("legnext job wait " + id)
                .doesNotContain("is in the journal")
                .doesNotContain("jobs resume");
    }

    @Test
    void onTheFakeNothingIsChargedAndItsJobsAreKeptForLaterCommands() {
        inFlight.submitting("legnext video generate", true);
        inFlight.waiting(id, true, true);

        assertThat(inFlight.interruptLines())
                .hasSize(2)
                .allSatisfy(l -> assertThat(l)
                        .contains("fake adapter")
                        .contains("nothing")
                        .doesNotContain("end with the command")
                        .doesNotContain("may have been created"));
        assertThat(inFlight.interruptLines().get(1))
                .contains("keeps running there")
                .contains("legnext job wait " + id);
    }

    @Test
    void nothingIsSaidOnceTheCommandIsDone() {
        try (InFlight.Submit submit = inFlight.submitting("legnext video generate", false)) {
            submit.accepted(id);
            inFlight.waiting(id, true, false);
            inFlight.doneWaiting(id);
        }
        StringWriter err = new StringWriter();

        LegnextCli.printInterrupted(inFlight, new PrintWriter(err));

        assertThat(inFlight.interruptLines()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theHookPrintsEachLineOnStderrAfterEndingAProgressLine() {
        inFlight.submitting("legnext video extend", false);
        inFlight.waiting(JobId.random(), true, false);
        StringWriter err = new StringWriter();

        LegnextCli.printInterrupted(inFlight, new PrintWriter(err));

        assertThat(err.toString()).startsWith(System.lineSeparator());
        assertThat(err.toString().lines().filter(l -> !l.isEmpty()))
                .hasSize(2)
                .allMatch(l -> l.startsWith("legnext: interrupted"));
    }
}
