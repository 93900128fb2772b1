package io.legnext.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.legnext.app.download.SavedFile;
import io.legnext.app.json.JobJson;
import io.legnext.core.batch.BatchCosts;
import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.ItemRecord;
import io.legnext.core.batch.ItemState;
import io.legnext.core.job.Job;
import io.legnext.core.job.JobId;
import java.io.PrintWriter;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How batch items are printed: the per-item table, the totals line, one JSON line per item. */
final class BatchTable {

    private BatchTable() {}

    /** {@code completed}, {@code uncertain}: what users read and scripts match. */
    static String state(ItemState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Each item's record as kept, pending for those never touched, in batch order. */
    static List<ItemRecord> records(BatchFileReader.BatchFile file, Map<String, ItemRecord> kept) {
        return file.batch().items().stream()
                .map(i -> kept.getOrDefault(i.key(), ItemRecord.pending(i.key())))
                .toList();
    }

    /** The table: key, line, state, job, detail; one row per item. */
    static void print(PrintWriter out, BatchFileReader.BatchFile file, List<ItemRecord> records) {
        int width = Math.max(
                3, records.stream().mapToInt(r -> r.key().length()).max().orElse(3));
        String format = "%-" + Math.min(width, 40) + "s  %5s  %-10s  %-36s  %s%n";
        out.printf(format, "KEY", "LINE", "STATE", "JOB", "DETAIL");
        for (ItemRecord r : records) {
            out.printf(
                    format,
                    r.key(),
                    file.lines().get(r.key()),
                    state(r.state()),
                    r.jobId().map(JobId::toString).orElse("-"),
                    r.detail().map(BatchTable::oneLine).orElse(""));
        }
        out.flush();
    }

    /** {@code 20 items: 18 completed, 1 failed, 1 skipped; 9120 points reserved}. */
    static String totals(BatchFileReader.BatchFile file, List<ItemRecord> records) {
        Map<ItemState, Integer> counts = new EnumMap<>(ItemState.class);
        records.forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        String states = counts.entrySet().stream()
                .map(e -> e.getValue() + " " + state(e.getKey()))
                .collect(Collectors.joining(", "));
        return records.size() + " item" + (records.size() == 1 ? "" : "s") + ": " + states + "; "
                + pointsReserved(file, records) + " points reserved";
    }

    /** Points reserved by the cost table: every accepted, completed or uncertain item (failed jobs are refunded). */
    static long pointsReserved(BatchFileReader.BatchFile file, List<ItemRecord> records) {
        long points = 0;
        for (int i = 0; i < records.size(); i++) {
            ItemState s = records.get(i).state();
            if (s == ItemState.ACCEPTED || s == ItemState.COMPLETED || s == ItemState.UNCERTAIN) {
                BatchItem item = file.batch().items().get(i);
                points += BatchCosts.defaults().of(item.step().kind());
            }
        }
        return points;
    }

    /** One item as JSON: key, line, state, job id, video URLs (of a completed job in hand), detail, files. */
    static ObjectNode json(BatchFileReader.BatchFile file, ItemRecord r, Job job, List<SavedFile> files) {
        ObjectNode o = JobJson.MAPPER.createObjectNode();
        o.put("key", r.key());
        o.put("line", file.lines().get(r.key()));
        o.put("state", state(r.state()));
        o.put("jobId", r.jobId().map(JobId::toString).orElse(null));
        ArrayNode urls = o.putArray("videoUrls");
        if (job != null) {
            job.videoUrls().stream().map(URI::toString).forEach(urls::add);
        }
        o.put("detail", r.detail().orElse(null));
        if (!files.isEmpty()) {
            ArrayNode a = o.putArray("files");
            files.forEach(f -> a.add(f.path().toString()));
        }
        return o;
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
    }
}
