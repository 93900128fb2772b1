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
