package io.legnext.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.legnext.app.json.JobJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a batch file into rows of named cells: CSV with a header row (RFC 4180: quoted fields may hold commas,
 * doubled quotes and line breaks) or JSON Lines (one object per line). Says what it could not read, by line, and
 * reads on, so that every problem of a file is reported at once.
 */
final class BatchFileRows {

    /** The two formats a batch file may have. */
    enum Format {
        CSV("column"),
        JSONL("field");

        /** What a named cell is called in messages. */
        final String cell;

        Format(String cell) {
            this.cell = cell;
        }

        /** By extension ({@code .csv}, {@code .jsonl}, {@code .ndjson}), else by the first non-blank character. */
        static Format of(String fileName, String text) {
            String name = fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSONL;
            }
            return text.strip().startsWith("{") ? JSONL : CSV;
        }
    }

    /**
     * One row.
     *
     * @param line the line it starts on, counting from 1
     * @param cells its cells by (lower-case) name, in file order; blank cells and JSON nulls are left out
     */
    record Row(int line, Map<String, String> cells) {}

    /**
     * One thing wrong with the file.
     *
     * @param line where, counting from 1
     * @param text what, e.g. {@code column 'quality': must be 480p or 720p, was 1080p}
     */
    record Problem(int line, String text) {}

    /**
     * What reading found.
     *
     * @param format CSV or JSON Lines
     * @param columns a CSV file's header names (lower case); empty for JSON Lines
     * @param rows the rows it could read
     * @param problems what it could not read
     */
    record Rows(Format format, List<String> columns, List<Row> rows, List<Problem> problems) {}

    private BatchFileRows() {}

    /** Reads {@code text} in the format its name or its first character says. */
    static Rows read(String fileName, String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Format format = Format.of(fileName, body);
        List<Row> rows = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> columns = List.of();
        if (format == Format.CSV) {
            columns = csv(body, rows, problems);
        } else {
            jsonLines(body, rows, problems);
        }
        return new Rows(format, columns, rows, problems);
    }

    // ------------------------------------------------------------------ CSV

    /** A CSV record: its fields and the line it starts on. */
    private record Record(int line, List<String> fields) {}

    private static List<String> csv(String text, List<Row> rows, List<Problem> problems) {
        List<Record> records = records(text, problems);
        if (records.isEmpty()) {
            return List.of();
        }
        Record header = records.get(0);
        List<String> names = new ArrayList<>();
        for (String field : header.fields()) {
            String name = field.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                problems.add(new Problem(
                        header.line(), "the header row has an empty column name (column " + (names.size() + 1) + ")"));
            } else if (names.contains(name)) {
                problems.add(new Problem(header.line(), "the header row names column '" + name + "' twice"));
            }
            names.add(name);
        }
        for (Record r : records.subList(1, records.size())) {
            if (r.fields().size() != names.size()) {
                problems.add(new Problem(
                        r.line(),
                        "the row has " + r.fields().size() + " field"
                                + (r.fields().size() == 1 ? "" : "s")
                                + ", the header has " + names.size()
                                + " (a field with a comma must be in double quotes)"));
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String value = r.fields().get(i);
                if (!value.isBlank() && !names.get(i).isEmpty()) {
                    cells.putIfAbsent(names.get(i), value);
                }
            }
            rows.add(new Row(r.line(), cells));
        }
        return List.copyOf(names);
    }

    /** The file's records; blank lines between records are skipped. */
    private static List<Record> records(String text, List<Problem> problems) {
        List<Record> records = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            boolean ended = false;
            while (i < n && !ended) {
                char c = text.charAt(i++);
                if (quoted) {
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"' && field.length() == 0 && !wasQuoted) {
                    quoted = true;
                    wasQuoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                } else if (c == '\r' && i < n && text.charAt(i) == '\n') {
                    // CRLF: the \n ends the record.
                } else if (c == '\n') {
                    line++;
                    ended = true;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                problems.add(new Problem(
                        start,
                        "a quoted field opened on this line is never closed (a '\"' inside"
                                + " a quoted field is written twice: \"\")"));
                return records;
            }
            fields.add(field.toString());
            boolean blank = fields.size() == 1 && fields.get(0).isBlank() && !wasQuoted;
            if (!blank) {
                records.add(new Record(start, fields));
            }
        }
        return records;
    }

    // ------------------------------------------------------------------ JSON Lines

    private static void jsonLines(String text, List<Row> rows, List<Problem> problems) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int number = i + 1;
            JsonNode node;
            try {
                node = JobJson.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                problems.add(new Problem(number, "not a JSON object: " + e.getOriginalMessage()));
                continue;
            }
            if (node == null || !node.isObject()) {
                problems.add(new Problem(
                        number, "must be one JSON object per line, was " + (node == null ? "nothing" : kind(node))));
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            boolean ok = true;
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String name = f.getKey().strip().toLowerCase(Locale.ROOT);
                JsonNode v = f.getValue();
                if (v.isNull()) {
                    continue;
                }
                if (!v.isValueNode()) {
                    problems.add(
                            new Problem(number, "field '" + name + "': must be a string or a number, was " + kind(v)));
                    ok = false;
                    continue;
                }
                String value = v.asText();
                if (!value.isBlank()) {
                    cells.putIfAbsent(name, value);
                }
            }
            if (ok) {
                rows.add(new Row(number, cells));
            }
        }
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.isTextual()
                ? "a string"
                : node.isNumber() ? "a number" : node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }
}
