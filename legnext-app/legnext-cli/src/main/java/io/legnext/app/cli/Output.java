package io.legnext.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.app.download.SavedFile;
import io.legnext.app.journal.JournalEntry;
import io.legnext.app.json.JobJson;
import io.legnext.core.job.AccountBalance;
import io.legnext.core.job.AvailableActions;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import io.legnext.core.job.VariantIndex;
import io.legnext.core.journal.SubmittedJob;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a command prints: results on stdout (human text, {@code --json} lines, or only the essentials with
 * {@code --quiet}); notices and errors on stderr.
 */
final class Output {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean quiet;
    private final boolean terminal;

    Output(PrintWriter out, PrintWriter err, boolean json, boolean quiet, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    boolean json() {
        return json;
    }

    /** A progress display for waiting on one job (in place) or several (a line per change). */
    ProgressDisplay progress(boolean severalJobs) {
        return new ProgressDisplay(err, terminal && !quiet, !severalJobs);
    }

    /** A job just accepted by the service. */
    synchronized void submitted(Job job) {
        if (json) {
            printJson(JobJson.write(job));
        } else if (quiet) {
            out.println(job.id());
        } else {
            out.println("Submitted job " + job.id() + " (" + job.taskType() + ", " + job.status() + ").");
            out.println("Follow it with: legnext job wait " + job.id());
        }
        out.flush();
    }

    /** A job as it stands, with the files saved from it, if any. */
    synchronized void job(Job job, List<SavedFile> files) {
        if (json) {
            ObjectNode o = JobJson.write(job);
            if (!files.isEmpty()) {
                ArrayNode a = o.putArray("files");
                files.forEach(f -> a.add(f.path().toString()));
            }
            printJson(o);
        } else if (quiet) {
            if (!files.isEmpty()) {
                files.forEach(f -> out.println(f.path()));
            } else if (job.isCompleted()
                    && !(job.videoUrls().isEmpty() && job.imageUrls().isEmpty())) {
                urls(job).forEach(out::println);
            } else {
                out.println(job.status());
            }
        } else {
            human(job, files);
        }
        out.flush();
    }

    private void human(Job job, List<SavedFile> files) {
        StringBuilder head = new StringBuilder("Job ")
                .append(job.id())
                .append("  ")
                .append(job.taskType())
                .append("  ")
                .append(job.status());
        if (job.createdAt().isPresent() && job.endedAt().isPresent()) {
            head.append(" in ")
                    .append(duration(Duration.between(
                            job.createdAt().get(), job.endedAt().get())));
        } else if (job.createdAt().isPresent()) {
            head.append(", submitted ").append(TIME.format(job.createdAt().get()));
        }
        out.println(head);
        List<URI> urls = urls(job);
        String noun = job.videoUrls().isEmpty() ? "image" : "video";
        for (int i = 0; i < urls.size(); i++) {
            out.println("  " + noun + " " + i + "  " + urls.get(i));
        }
        job.failure().ifPresent(f -> out.println("  error  " + f.describe()));
        StringBuilder facts = new StringBuilder();
        job.seed().ifPresent(s -> facts.append("seed ").append(s));
        if (job.usage().frozen() > 0 || job.usage().consumed() > 0) {
            String unit = job.usage().unit().isEmpty() ? "points" : job.usage().unit() + "s";
            facts.append(facts.length() > 0 ? ", " : "")
                    .append(job.usage().consumed())
                    .append(" of ")
                    .append(job.usage().frozen())
                    .append(' ')
                    .append(unit)
                    .append(" charged");
        }
        if (facts.length() > 0) {
            out.println("  " + facts);
        }
        String next = nextSteps(job);
        if (!next.isEmpty()) {
            out.println("  next   " + next);
        }
        for (SavedFile f : files) {
            out.println("  " + (f.alreadyPresent() ? "exists " : "saved  ") + f.path()
                    + (f.alreadyPresent() ? " (identical, left as it was)" : ""));
        }
    }

    private static String nextSteps(Job job) {
        AvailableActions a = job.availableActions();
        StringBuilder s = new StringBuilder();
        a.indicesFor(AvailableActions.EXTEND)
                .filter(i -> !i.isEmpty())
                .ifPresent(i -> s.append("legnext video extend" + " --job ")
                        .append(job.id())
                        .append(" --video ")
                        .append(choice(i)));
        a.indicesFor(AvailableActions.UPSCALE)
                .filter(i -> !i.isEmpty())
                .filter(i -> job.taskType().isVideo())
                .ifPresent(i -> s.append(s.length() > 0 ? "\n         " : "")
                        .append("legnext video upscale --job ")
                        .append(job.id())
                        .append(" --video ")
                        .append(choice(i)));
        return s.toString();
    }

    /** {@code N (0-3)} for a run of indices, {@code N (0, 2)} otherwise. */
    private static String choice(Set<Integer> indices) {
        int min = indices.stream().min(Integer::compare).orElse(0);
        int max = indices.stream().max(Integer::compare).orElse(0);
        if (indices.size() == 1) {
            return String.valueOf(min);
        }
        return "N  (N: "
                + (max - min + 1 == indices.size()
                        ? min + "-" + max
                        : indices.stream().map(String::valueOf).collect(Collectors.joining(", ")))
                + ")";
    }

    private static List<URI> urls(Job job) {
        return job.videoUrls().isEmpty() ? job.imageUrls() : job.videoUrls();
    }

    /** The account balance. */
    synchronized void balance(AccountBalance b) {
        if (json) {
            printJson(JobJson.write(b));
        } else if (quiet) {
            out.println(b.balanceUsd().toPlainString());
        } else {
            out.println("Balance  $" + b.balanceUsd().toPlainString() + "  (" + b.availablePoints() + " points, "
                    + b.availableCredits() + " credits; a video job reserves 480)");
            out.println("Account  " + (b.accountId().isEmpty() ? "(not given)" : b.accountId())
                    + b.updatedAt().map(t -> ", updated " + TIME.format(t)).orElse(""));
            if (b.lowBalanceAlert()) {
                out.println("Low balance: under the alert threshold of $"
                        + b.alertThreshold().toPlainString() + ".");
            }
        }
        out.flush();
    }

    /** The journal's jobs. */
    synchronized void journal(List<JournalEntry> entries) {
        if (json) {
            entries.forEach(e -> printJson(journalJson(e)));
        } else if (quiet) {
            entries.forEach(e -> out.println(e.submitted().id()));
        } else if (entries.isEmpty()) {
            out.println("The journal is empty: no job was submitted from this machine (with this LEGNEXT_HOME).");
        } else {
            String format = "%-36s  %-15s  %-20s  %-38s  %-10s  %s%n";
            out.printf(format, "JOB", "KIND", "SUBMITTED", "FROM", "STATUS", "SERVICE");
            for (JournalEntry e : entries) {
                SubmittedJob s = e.submitted();
                String from = s.source().map(JobId::toString).orElse("-")
                        + s.index().map(VariantIndex::value).map(i -> "#" + i).orElse("");
                out.printf(format, s.id(), s.taskType(), TIME.format(s.submittedAt()), from, e.status(), e.service());
            }
        }
        out.flush();
    }

    /** One journal entry in the job shape, with the journal's own fields added. */
    static ObjectNode journalJson(JournalEntry e) {
        SubmittedJob s = e.submitted();
        ObjectNode o;
        if (e.outcome().flatMap(JournalEntry.Outcome::job).isPresent()) {
            o = JobJson.write(e.outcome().get().job().get());
        } else {
            o = JobJson.MAPPER.createObjectNode();
            o.put("jobId", s.id().toString());
            o.put("taskType", s.taskType().toString());
            o.put("status", e.status());
            o.putArray("videoUrls");
            o.putArray("imageUrls");
            o.putNull("imageGridUrl");
            o.putNull("seed");
            o.putObject("availableActions");
            ObjectNode usage = o.putObject("usage");
            usage.put("unit", "");
            usage.put("frozen", 0);
            usage.put("consumed", 0);
            o.putNull("createdAt");
            o.putNull("startedAt");
            o.putNull("endedAt");
            o.putNull("error");
            o.putNull("callback");
        }
        o.put("source", s.source().map(JobId::toString).orElse(null));
        if (s.index().isPresent()) {
            o.put("index", s.index().get().value());
        } else {
            o.putNull("index");
        }
        o.put("extensions", s.extensions());
        o.put("submittedAt", s.submittedAt().toString());
        o.put("service", e.service());
        return o;
    }

    /** A line of result text (quiet or not). */
    synchronized void result(String line) {
        out.println(line);
        out.flush();
    }

    /** A JSON result line. */
    synchronized void printJson(ObjectNode node) {
        out.println(JobJson.line(node));
        out.flush();
    }

    /** A notice on stderr, unless quiet. */
    synchronized void notice(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }

    /** An error on stderr, always. */
    synchronized void error(String line) {
        err.println(line);
        err.flush();
    }

    /** {@code 2m 35s}, {@code 45s}, {@code 1h 02m}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + String.format("%02ds", s % 60);
        }
        return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
    }

    /** For timestamps in human output. */
    static String time(Instant t) {
        return TIME.format(t);
    }
}
