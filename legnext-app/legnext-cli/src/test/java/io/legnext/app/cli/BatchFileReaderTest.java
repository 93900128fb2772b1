package io.legnext.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.legnext.core.batch.BatchItem;
import io.legnext.core.batch.BatchStep;
import io.legnext.core.request.ImageToVideo;
import io.legnext.core.request.TextToVideo;
import io.legnext.core.request.VideoQuality;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BatchFileReaderTest {

    private static final String JOB = "8201cd3e-1234-4d5e-9f00-0123456789ab";

    private static BatchFileReader.BatchFile csv(String text) {
        return BatchFileReader.parse("batch.csv", "b", text);
    }

    private static List<String> problems(String name, String text) {
        try {
            BatchFileReader.parse(name, "b", text);
        } catch (BatchFileReader.BatchFileException e) {
            return e.problems();
        }
        throw new AssertionError("no problem found in:\n" + text);
    }

    private static List<String> csvProblems(String text) {
        return problems("batch.csv", text);
    }

    @Test
    void readsGeneratesAndFollowUpsWithDefaultKeysFromLineNumbers() {
        BatchFileReader.BatchFile f = csv("""
                key,prompt,image_url,quality,after,action,video
                cat,a cat walks,https://example.com/cat.jpg,720p,,,
                ,a dog runs,,,,,
                more,,,,cat,extend,2
                big,,,,more,upscale,0
                """);

        List<BatchItem> items = f.batch().items();
        assertThat(items).extracting(BatchItem::key).containsExactly("cat", "row-3", "more", "big");
        ImageToVideo cat = (ImageToVideo) ((BatchStep.Generate) items.get(0).step()).request();
        assertThat(cat.image().toString()).isEqualTo("https://example.com/cat.jpg");
        assertThat(cat.quality()).isEqualTo(VideoQuality.P720);
        assertThat(((TextToVideo) ((BatchStep.Generate) items.get(1).step()).request())
                        .prompt()
                        .text())
                .isEqualTo("a dog runs");
        BatchStep.After more = (BatchStep.After) items.get(2).step();
        assertThat(more.parent()).isEqualTo("cat");
        assertThat(more.action()).isEqualTo(BatchStep.FollowUp.EXTEND);
        assertThat(more.videoIndex().value()).isEqualTo(2);
        assertThat(f.where("big")).isEqualTo("batch.csv:5");
    }

    @Test
    void csvQuotingKeepsCommasDoubledQuotesAndLineBreaks() {
        BatchFileReader.BatchFile f = csv("key,prompt\r\n"
                + "a,\"a cat, then a dog\"\r\n"
                + "b,\"she said \"\"hi\"\"\"\r\n"
                + "c,\"two\nlines\"\r\n"
                + "d,last\r\n");

        assertThat(f.batch().items())
                .extracting(i -> ((TextToVideo) ((BatchStep.Generate) i.step()).request())
                        .prompt()
                        .text())
                .containsExactly("a cat, then a dog", "she said \"hi\"", "two\nlines", "last");
        // The row after a quoted line break is on the line it starts on.
        assertThat(f.where("d")).isEqualTo("batch.csv:6");
    }

    @Test
    void readsJsonLinesByExtensionOrByTheirFirstBrace() {
        String text = """
                {"key": "a", "prompt": "a cat walks", "quality": "480p"}

                {"key": "b", "job": "%s", "action": "upscale", "video": 3, "callback": null}
                """.formatted(JOB);

        for (String name : List.of("batch.jsonl", "batch.ndjson", "batch.txt")) {
            BatchFileReader.BatchFile f = BatchFileReader.parse(name, "b", text);
            assertThat(f.batch().items()).extracting(BatchItem::key).containsExactly("a", "b");
            assertThat(f.batch().items().get(1).step()).isInstanceOf(BatchStep.Upscale.class);
            assertThat(f.where("b")).isEqualTo(name + ":3");
        }
    }

    @Test
    void reportsEveryBadRowWithLineColumnBoundAndValue() {
        List<String> problems = csvProblems("""
                key,prompt,quality,video,job,action,callback
                a,a cat walks,1080p,,,,
                b,,,,,,
                c,a dog,480p,7,,,
                d,,,,not-a-uuid,extend,
                e,x,,,,,ftp://example.com/hook
                """);

        assertThat(problems)
                .containsExactly(
                        "batch.csv:2: column 'quality': must be 480p or 720p, was 1080p",
                        "batch.csv:3: column 'prompt': must be given (or 'image_url') for a generate, was empty",
                        "batch.csv:4: column 'video': must be absent for a generate (it is for extend and upscale),"
                                + " was 7",
                        "batch.csv:5: column 'video': must be between 0 and 3 (which of the source's videos), was"
                                + " empty",
                        "batch.csv:5: column 'job': must be a UUID such as 8201cd3e-1234-4d5e-9f00-0123456789ab, was"
                                + " not-a-uuid",
                        "batch.csv:6: column 'callback': must be an absolute http or https URL, was"
                                + " ftp://example.com/hook");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "|",
            value = {
                "key,prompt,after,action,video|a,x,,,|b,,a,zoom,1|column 'action': must be extend or upscale",
                "key,prompt,after,action,video|a,x,,,|b,,a,extend,4|column 'video': must be between 0 and 3, was 4",
                "key,prompt,after,action,video|a,x,,,|b,,a,extend,two|column 'video': must be a whole number",
                "key,prompt,after,action,video|a,x,,,|b,more,a,upscale,1|column 'prompt': must be absent for an"
                        + " upscale, was more",
                "key,prompt,after,action,video|a,x,,,|b,,b,extend,1|column 'after': must be the key of an earlier"
                        + " row (not the row's own), was b",
                "key,prompt,after,action,video|a,x,,,|b,,zz,extend,1|column 'after': must be the key of an earlier"
                        + " row (no row has it), was zz",
                "key,prompt,image_url|a,x,notaurl|b,y,|column 'image_url': must be an absolute http or https URL",
                "key,prompt,action|a,x,extend|b,y,|column 'action': must be generate (or empty)",
                "key,prompt|a/b,x|b,y|column 'key': must be 1-200 characters, not blank, without '/'",
            })
    void refusesARowBreakingARule(String header, String first, String second, String expected) {
        List<String> problems = csvProblems(header + "\n" + first + "\n" + second + "\n");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith("batch.csv:").contains(expected);
    }

    @Test
    void aFollowUpPointingForwardNamesTheLineThatHasTheKey() {
        List<String> problems = csvProblems("""
                key,prompt,after,action,video
                b,,a,extend,0
                a,a cat,,,
                """);

        assertThat(problems)
                .containsExactly("batch.csv:2: column 'after': must be the key of an earlier row (line 3 has it,"
                        + " after this one), was a");
    }

    @Test
    void aFollowUpOfAnUpscaleIsRefused() {
        List<String> problems =
                csvProblems(("key,prompt,after,action,video,job\n" + "up,,,upscale,0,%s\n" + "more,,up,extend,0,\n")
                        .formatted(JOB));

        assertThat(problems)
                .containsExactly("batch.csv:3: column 'after': must be the key of a row that yields videos (a"
                        + " generate or an extend; line 2 is an upscale), was up");
    }

    @Test
    void duplicateKeysAreReportedAtEachRepeat() {
        List<String> problems = csvProblems("key,prompt\na,x\nb,y\na,z\nb,w\n");

        assertThat(problems)
                .containsExactly(
                        "batch.csv:4: column 'key': must be unique in the batch (line 2 has it), was a",
                        "batch.csv:5: column 'key': must be unique in the batch (line 3 has it), was b");
    }

    @Test
    void unknownColumnsAreNamedAllAtOnce() {
        assertThat(csvProblems("key,prompt,colour,size\na,x,red,big\n"))
                .containsExactly("batch.csv:1: unknown columns 'colour', 'size': the columns are key, prompt,"
                        + " image_url, quality, callback, after, action, video, job");
        assertThat(problems("b.jsonl", "{\"prompt\":\"x\",\"colour\":\"red\"}\n"))
                .containsExactly("b.jsonl:1: unknown field 'colour': the fields are key, prompt, image_url, quality,"
                        + " callback, after, action, video, job");
    }

    @Test
    void anEmptyFileAndAHeaderOnlyAreRefused() {
        assertThat(csvProblems(""))
                .containsExactly("batch.csv:1: the file is empty: a batch file is CSV with a"
                        + " header row, or one JSON object per line");
        assertThat(csvProblems("key,prompt\n\n"))
                .containsExactly("batch.csv:1: the file has no rows to run, only a" + " header");
    }

    @Test
    void rowsOfTheWrongWidthAndUnclosedQuotesAreSaidByLine() {
        assertThat(csvProblems("key,prompt\na,x,y\nb,\"open\nc,z\n"))
                .containsExactly(
                        "batch.csv:2: the row has 3 fields, the header has 2 (a field with a comma must be in double"
                                + " quotes)",
                        "batch.csv:3: a quoted field opened on this line is never closed (a '\"' inside a quoted"
                                + " field is written twice: \"\")");
    }

    @Test
    void badJsonLinesAreSaidByLineAndTheRestIsStillChecked() {
        List<String> problems = problems("b.jsonl", """
                {"prompt": "ok"}
                {"prompt": "broken"
                ["not", "an object"]
                {"prompt": {"nested": true}}
                {"prompt": "x", "quality": "4k"}
                """);

        assertThat(problems).hasSize(4);
        assertThat(problems.get(0)).startsWith("b.jsonl:2: not a JSON object: ").doesNotContain("Exception");
        assertThat(problems.get(1)).isEqualTo("b.jsonl:3: must be one JSON object per line, was an array");
        assertThat(problems.get(2)).isEqualTo("b.jsonl:4: field 'prompt': must be a string or a number, was an object");
        assertThat(problems.get(3)).isEqualTo("b.jsonl:5: field 'quality': must be 480p or 720p, was 4k");
    }

    @Test
    void aLongPromptIsReportedByLengthNotEchoedWhole() {
        String prompt = "https://example.com/a.jpg " + "x".repeat(9000);

        List<String> problems = csvProblems("prompt\n" + prompt + "\n");

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0))
                .startsWith("batch.csv:2: column 'prompt': must be between 1 and 8192 characters")
                .endsWith("(9026 characters)");
    }

    @Test
    void theBatchIdIsStableForOneFileAndDiffersBetweenFiles(@TempDir Path dir) throws Exception {
        Path a = Files.writeString(dir.resolve("shots list.csv"), "prompt\nx\n");
        Path b = Files.writeString(dir.resolve("other.csv"), "prompt\nx\n");

        String id = BatchFileReader.batchId(a);

        assertThat(id).matches("shots_list-[0-9a-f]{12}");
        assertThat(BatchFileReader.batchId(dir.resolve(".").resolve("shots list.csv")))
                .isEqualTo(id);
        assertThat(BatchFileReader.read(a).batch().id()).isEqualTo(id);
        assertThat(BatchFileReader.batchId(b)).isNotEqualTo(id);
    }

    @Test
    void anUnreadableFileIsAUsageErrorNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> BatchFileReader.read(dir.resolve("missing.csv")))
                .isInstanceOf(CliUsageException.class)
                .hasMessageContaining("missing.csv")
                .hasMessageContaining("Nothing was sent");
    }

    @Test
    void theDigestChangesWhenARowSendsSomethingElse() {
        String before = csv("key,prompt\na,a cat\n").digests().get("a");

        assertThat(csv("key,prompt\na,a cat\n").digests().get("a")).isEqualTo(before);
        assertThat(csv("key,prompt\na,a dog\n").digests().get("a")).isNotEqualTo(before);
        assertThat(csv("key,prompt,quality\na,a cat,720p\n").digests().get("a")).isNotEqualTo(before);
    }
}
