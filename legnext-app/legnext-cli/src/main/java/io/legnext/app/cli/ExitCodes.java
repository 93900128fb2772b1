package io.legnext.app.cli;

import io.legnext.app.download.DownloadException;
import io.legnext.core.error.InvalidRequestException;
import io.legnext.core.error.ServiceRejectedException;
import io.legnext.core.error.ServiceUnavailableException;
import io.legnext.core.error.UnexpectedResponseException;
import io.legnext.core.journal.JournalUnavailableException;
import io.legnext.core.wait.JobFailedException;
import io.legnext.core.wait.WaitTimedOutException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/** The command line's exit codes, and which failure gets which. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Anything not listed below. */
    public static final int OTHER = 1;
    /** Invalid input or usage, or a journal that cannot be written: nothing was sent. */
    public static final int USAGE = 2;
    /** The service refused: authentication, credits, content, not found, rate limit, invalid parameters. */
    public static final int REJECTED = 3;
    /** The job failed. */
    public static final int JOB_FAILED = 4;
    /** The wait timed out; the job still runs. */
    public static final int TIMED_OUT = 5;
    /** The service is unavailable, or the transport failed. */
    public static final int UNAVAILABLE = 6;
    /** A batch item is uncertain: its submit may have created a job whose answer was lost; never re-sent. */
    public static final int UNCERTAIN = 7;
    /** The balance cannot cover what a batch would send: nothing was sent. */
    public static final int NOT_COVERED = 8;
    /** A batch over the confirmation threshold was not confirmed: nothing was sent. */
    public static final int NOT_CONFIRMED = 9;
    /** Another process runs the batch: nothing was sent from this one. */
    public static final int IN_USE = 10;
    /** Interrupted (Ctrl-C): what was accepted runs on; running the same command again resumes. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {}

    /** The exit code for a failure. */
    public static int of(Throwable t) {
        Throwable e = unwrap(t);
        if (e instanceof CliUsageException
                || e instanceof InvalidRequestException
                || e instanceof JournalUnavailableException
                || e instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        if (e instanceof BatchFileReader.BatchFileException) {
            return USAGE;
        }
        if (e instanceof io.legnext.core.batch.BatchRefusedException) {
            return NOT_COVERED;
        }
        if (e instanceof io.legnext.app.batch.BatchStoreException.InUse) {
            return IN_USE;
        }
        if (e instanceof ServiceRejectedException) {
            return REJECTED;
        }
        if (e instanceof JobFailedException) {
            return JOB_FAILED;
        }
        if (e instanceof WaitTimedOutException) {
            return TIMED_OUT;
        }
        if (e instanceof ServiceUnavailableException || e instanceof UnexpectedResponseException) {
            return UNAVAILABLE;
        }
        if (e instanceof DownloadException d) {
            return d.kind() == DownloadException.Kind.SOURCE ? UNAVAILABLE : OTHER;
        }
        return OTHER;
    }

    /** The failure inside the wrappers futures put around it. */
    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
