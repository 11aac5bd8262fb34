package com.example.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The pipeline against S3Mock through the real SDK: results, rejections, idempotency, integrity, retries. */
class PipelineTest {

    private final Settings settings = LocalS3.settings();
    private final FaultyHttp http = new FaultyHttp();
    private final PipelineHandler handler = new PipelineHandler(LocalS3.pipeline(http, settings));

    @Test
    void writesTheValidRecordsUnderASummaryOnceTheWholeObjectIsRead() throws IOException {
        String key = key("orders");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "0A"));

        String outputKey = settings.outputPrefix() + key + "/v-" + put.versionId() + ".jsonl";
        assertEquals("processed", outcome.get("status"));
        assertEquals("s3://" + LocalS3.VERSIONED + "/" + outputKey, outcome.get("output"));
        List<String> lines = lines(LocalS3.get(LocalS3.VERSIONED, outputKey));
        assertEquals(List.of(Records.valid(1), Records.valid(2), Records.valid(3)), lines.subList(1, 4));
        Map<String, Object> summary = summary(lines);
        assertEquals(3, summary.get("records"));
        assertEquals(0, summary.get("rejected"));
        assertEquals("crc32", source(summary).get("integrity"), "the SDK's upload stored a CRC32");
        assertEquals(content.length, source(summary).get("bytes"));
        assertEquals(key, source(summary).get("key"));
    }

    @Test
    void reportsRejectedLinesByNumberAndKeepsTheValidOnes() throws IOException {
        String key = key("mixed");
        byte[] content = ("" + Records.valid(1) + "\n"
                + "{\"id\":\"r-2\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":-5,\"currency\":\"EUR\"}\n"
                + Records.valid(3) + "\r\n"
                + "\n"
                + "{not json\n"
                + Records.valid(6)).getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "0A"));

        assertEquals(3, outcome.get("records"));
        assertEquals(2, outcome.get("rejected"));
        List<String> lines = lines(output(LocalS3.VERSIONED, outcome));
        assertEquals(List.of(Records.valid(1), Records.valid(3), Records.valid(6)), lines.subList(1, lines.size()));
        Map<String, Object> summary = summary(lines);
        assertEquals(6, summary.get("lines"));
        assertEquals(List.of(Map.of("line", 2, "reason", "amount: must be from 0 to 1000000000"),
                Map.of("line", 5, "reason", "not valid JSON")), summary.get("rejections"));
        assertEquals(false, summary.get("rejectionsTruncated"));
    }

    @Test
    void theSameEventDeliveredTwiceProducesOneResultAndOneRead() throws IOException {
        String key = key("twice");
        byte[] content = Records.valid(1, 2);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        Map<String, Object> event = created(LocalS3.VERSIONED, key, content, put, "0B");

        Map<String, Object> first = Events.invoke(handler, event);
        Map<String, Object> second = Events.invoke(handler, event);

        assertEquals("processed", first.get("status"));
        assertEquals("skipped", second.get("status"));
        assertTrue(((String) second.get("reason")).startsWith("duplicate"), second.toString());
        assertEquals(1, http.count(SdkHttpMethod.GET), "the duplicate never reads the object");
        assertEquals(List.of(base(key) + "_sequencer", base(key) + "v-" + put.versionId() + ".jsonl"),
                LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void theSameObjectVersionSeenInTwoEventsIsProcessedOnce() throws IOException {
        String key = key("same-etag");
        byte[] content = Records.valid(1, 2);
        PutObjectResponse put = LocalS3.put(LocalS3.PLAIN, key, content);

        Events.invoke(handler, created(LocalS3.PLAIN, key, content, put, "0C"));
        // A later event (newer sequencer) about the very same bytes: same ETag, so the same result key
        Map<String, Object> again = Events.invoke(handler, created(LocalS3.PLAIN, key, content, put, "0D"));

        assertEquals("skipped", again.get("status"));
        String outputKey = base(key) + "e-" + put.eTag().replace("\"", "") + ".jsonl";
        assertEquals("duplicate: s3://" + LocalS3.PLAIN + "/" + outputKey + " exists", again.get("reason"));
        assertEquals(1, http.count(SdkHttpMethod.GET), "the existing result is seen before the object is read again");
        assertEquals(List.of(base(key) + "_sequencer", outputKey), LocalS3.keys(LocalS3.PLAIN, base(key)));
        assertEquals("0D", LocalS3.admin().headObject(r -> r.bucket(LocalS3.PLAIN).key(base(key) + "_sequencer"))
                .metadata().get("sequencer"), "the marker still moves to the newer event");
    }

    @Test
    void anOlderSequencerIsSkippedOnceANewerOneWasProcessed() throws IOException {
        String key = key("ordered");
        byte[] older = Records.valid(1, 1);
        byte[] newer = Records.valid(2, 2);
        PutObjectResponse v1 = LocalS3.put(LocalS3.VERSIONED, key, older);
        PutObjectResponse v2 = LocalS3.put(LocalS3.VERSIONED, key, newer);

        Map<String, Object> late = Events.invoke(handler, created(LocalS3.VERSIONED, key, newer, v2, "0067456C8E2FA1B300"));
        // S3 pads the shorter sequencer with zeros on the right: 0067456C8E2FA1B2 < 0067456C8E2FA1B300
        Map<String, Object> early = Events.invoke(handler, created(LocalS3.VERSIONED, key, older, v1, "0067456C8E2FA1B2"));

        assertEquals("processed", late.get("status"));
        assertEquals("skipped", early.get("status"));
        assertTrue(((String) early.get("reason")).startsWith("stale"), early.toString());
        assertEquals(List.of(base(key) + "_sequencer", base(key) + "v-" + v2.versionId() + ".jsonl"),
                LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void aNewerSequencerAfterAnOlderOneIsProcessedAndMovesTheMarker() throws IOException {
        String key = key("in-order");
        byte[] older = Records.valid(1, 1);
        byte[] newer = Records.valid(2, 1);
        PutObjectResponse v1 = LocalS3.put(LocalS3.VERSIONED, key, older);
        PutObjectResponse v2 = LocalS3.put(LocalS3.VERSIONED, key, newer);

        Events.invoke(handler, created(LocalS3.VERSIONED, key, older, v1, "00AA"));
        Map<String, Object> second = Events.invoke(handler, created(LocalS3.VERSIONED, key, newer, v2, "00AB"));

        assertEquals("processed", second.get("status"));
        assertEquals(3, LocalS3.keys(LocalS3.VERSIONED, base(key)).size(), "two results and the marker");
        assertEquals("00AB", LocalS3.admin().headObject(r -> r.bucket(LocalS3.VERSIONED).key(base(key) + "_sequencer"))
                .metadata().get("sequencer"));
    }

    @Test
    void aDeliveryThatLosesTheRaceToWriteKeepsTheWinnersResult() throws IOException {
        String key = key("race");
        byte[] content = Records.valid(1, 5);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        String outputKey = base(key) + "v-" + put.versionId() + ".jsonl";
        byte[] winner = "{\"summary\":{\"written\":\"by the other delivery\"}}\n".getBytes(StandardCharsets.UTF_8);
        // Another delivery of the same event writes the result while this one is reading the object
        http.beforeNextGet(() -> LocalS3.put(LocalS3.VERSIONED, outputKey, winner));

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "0E"));

        assertEquals("skipped", outcome.get("status"));
        assertEquals("duplicate: written by a concurrent delivery", outcome.get("reason"));
        assertArrayEquals(winner, LocalS3.get(LocalS3.VERSIONED, outputKey), "the conditional write left it alone");
        assertEquals("0E", LocalS3.admin().headObject(r -> r.bucket(LocalS3.VERSIONED).key(base(key) + "_sequencer"))
                .metadata().get("sequencer"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space.jsonl", "plus+sign.jsonl", "both + and space.jsonl", "ünïcødé/日本語 データ.jsonl",
            "percent%20literal.jsonl", "emoji 📦.jsonl"})
    void decodesKeysWithSpacesPlusSignsAndUnicode(String name) throws IOException {
        String key = settings.inputPrefix() + UUID.randomUUID() + "/" + name;
        byte[] content = Records.valid(1, 1);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "0F"));

        assertEquals("processed", outcome.get("status"));
        assertEquals(key, source(summary(lines(output(LocalS3.VERSIONED, outcome)))).get("key"));
    }

    @Test
    void ignoresTheRealObjectDeletedEventWithoutCallingS3() throws IOException {
        Map<String, Object> outcome = Events.invoke(handler, Events.load("object-deleted.json"));

        assertEquals("ignored", outcome.get("status"));
        assertEquals("not an Object Created event: Object Deleted", outcome.get("reason"));
        assertEquals(0, http.total());
    }

    @Test
    void ignoresKeysOutsideTheInputPrefixWithoutCallingS3() throws IOException {
        Map<String, Object> event = Events.load("object-created.json"); // its key IMG_m7fzo3.jpg is not under the prefix

        assertEquals("ignored", Events.invoke(handler, event).get("status"));
        assertEquals(0, http.total());
    }

    @Test
    void aCorruptedDownloadIsReadAgainThenFailsLoudlyWithNoResult() throws IOException {
        String key = key("corrupt");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.CORRUPT_BODY, 2);

        CorruptObjectException e = assertThrows(CorruptObjectException.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "10")));

        assertTrue(e.getMessage().contains("failed its integrity check on 2 reads"), e.getMessage());
        assertEquals(2, http.count(SdkHttpMethod.GET));
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)), "no result, no marker");
    }

    @Test
    void aDownloadCorruptedOnceIsReadAgainAndProcessed() throws IOException {
        String key = key("corrupt-once");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.CORRUPT_BODY, 1);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "10"));

        assertEquals("processed", outcome.get("status"));
        assertEquals(3, outcome.get("records"));
        assertEquals(2, http.count(SdkHttpMethod.GET));
    }

    @Test
    void withoutAnS3ChecksumTheEtagMd5CatchesACorruptedDownload() throws IOException {
        String key = key("md5");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.CORRUPT_BODY, 2);

        CorruptObjectException e = assertThrows(CorruptObjectException.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "11")));

        assertTrue(e.getMessage().contains("MD5"), e.getMessage());
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void withoutAnS3ChecksumAnIntactObjectIsProvenByItsEtag() throws IOException {
        String key = key("md5-ok");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, key, content);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "11"));

        assertEquals("md5-etag", source(summary(lines(output(LocalS3.VERSIONED, outcome)))).get("integrity"));
    }

    @Test
    void aTruncatedDownloadFailsWithNoResult() {
        String key = key("truncated");
        byte[] content = Records.valid(1, 40);
        PutObjectResponse put = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.TRUNCATED_BODY, 2);

        assertThrows(CorruptObjectException.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "12")));
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void anObjectShorterThanTheEventAnnouncedFailsWithNoResult() {
        String key = key("short");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        Map<String, Object> event = created(LocalS3.VERSIONED, key, content, put, "13");
        Events.map(Events.map(event, "detail"), "object").put("size", content.length + 100);

        CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> Events.invoke(handler, event));

        assertTrue(e.getMessage().contains("the event announced " + (content.length + 100)), e.getMessage());
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void anObjectTruncatedByItsProducerFailsOnItsDeclaredRecordCount() {
        String key = key("declared");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.admin().putObject(r -> r.bucket(LocalS3.VERSIONED).key(key)
                .metadata(Map.of("record-count", "5")), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));

        CorruptObjectException e = assertThrows(CorruptObjectException.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "14")));

        assertTrue(e.getMessage().contains("record-count metadata says 5"), e.getMessage());
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void aDeclaredRecordCountCountsRejectedLinesToo() throws IOException {
        String key = key("declared-ok");
        byte[] content = Records.lines(Records.valid(1), "{\"bad\":1}", Records.valid(3), Records.valid(4));
        PutObjectResponse put = LocalS3.admin().putObject(r -> r.bucket(LocalS3.VERSIONED).key(key)
                .metadata(Map.of("record-count", "4")), software.amazon.awssdk.core.sync.RequestBody.fromBytes(content));

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "14"));

        assertEquals("processed", outcome.get("status"));
        assertEquals(3, outcome.get("records"));
        assertEquals(1, outcome.get("rejected"));
    }

    @Test
    void aCorruptedDownloadIsBlamedOnTheCheckThatCaughtIt() {
        String key = key("md5-cause");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.CORRUPT_BODY, 2);

        CorruptObjectException e = assertThrows(CorruptObjectException.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "11")));

        assertInstanceOf(Integrity.IntegrityException.class, e.getCause(), "the last failed check, as it was");
        assertTrue(e.getMessage().startsWith("s3://" + LocalS3.VERSIONED + "/" + key + " failed its integrity check"),
                e.getMessage());
    }

    @Test
    void aConnectionLostMidObjectIsReadAgainThenFailsLoudly() {
        String key = key("reset");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.BROKEN_BODY, 2);

        CorruptObjectException e = assertThrows(CorruptObjectException.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "1B")));

        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        assertEquals(2, http.count(SdkHttpMethod.GET));
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void aConnectionLostOnceIsReadAgainAndProcessed() throws IOException {
        String key = key("reset-once");
        byte[] content = Records.valid(1, 3);
        PutObjectResponse put = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.BROKEN_BODY, 1);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "1B"));

        assertEquals("processed", outcome.get("status"));
        assertEquals(3, outcome.get("records"));
    }

    @Test
    void noSpoolFileIsLeftBehindWhateverTheOutcome(@TempDir Path spool) throws IOException {
        S3Client s3 = S3.builder(LocalS3.env(), http, LocalS3.CREDENTIALS, settings.maxAttempts(), Duration.ofMillis(5))
                .build();
        PipelineHandler spooling = new PipelineHandler(new Pipeline(s3, settings, spool));

        String ok = key("spool-ok");
        PutObjectResponse okPut = LocalS3.put(LocalS3.VERSIONED, ok, Records.valid(1, 2));
        assertEquals("processed", Events.invoke(spooling, created(LocalS3.VERSIONED, ok, Records.valid(1, 2), okPut, "1C"))
                .get("status"));
        assertEquals(List.of(), files(spool), "after a result");

        String corrupt = key("spool-corrupt");
        byte[] content = Records.valid(1, 2);
        PutObjectResponse corruptPut = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, corrupt, content);
        http.onNextGets(FaultyHttp.Fault.CORRUPT_BODY, 2);
        assertThrows(CorruptObjectException.class,
                () -> Events.invoke(spooling, created(LocalS3.VERSIONED, corrupt, content, corruptPut, "1C")));
        assertEquals(List.of(), files(spool), "after two failed checks");

        String empty = key("spool-empty");
        byte[] blank = "\n".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse emptyPut = LocalS3.put(LocalS3.VERSIONED, empty, blank);
        assertThrows(CorruptObjectException.class,
                () -> Events.invoke(spooling, created(LocalS3.VERSIONED, empty, blank, emptyPut, "1C")));
        assertEquals(List.of(), files(spool), "after an object with no records");
    }

    @Test
    void logsEachFailedReadAndEveryOutcome() throws IOException {
        String key = key("logged");
        byte[] content = Records.valid(1, 2);
        PutObjectResponse put = LocalS3.putWithoutChecksum(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.CORRUPT_BODY, 1);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Map<String, Object> outcome;
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "1D"));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        String source = "s3://" + LocalS3.VERSIONED + "/" + key;
        assertEquals(source, outcome.get("source"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("Read 1 of " + source + " failed its check: MD5 "),
                stderr.toString(StandardCharsets.UTF_8));
        assertEquals(outcome, JSON.std.mapFrom(stdout.toString(StandardCharsets.UTF_8).strip()),
                "one JSON line per invocation in the function's log");
    }

    @Test
    void anEmptyObjectFailsWithNoResult() {
        String key = key("empty");
        byte[] content = "\n\n".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);

        assertThrows(CorruptObjectException.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "15")));
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void transientS3ErrorsAreRetriedByTheSdk() throws IOException {
        String key = key("flaky");
        byte[] content = Records.valid(1, 2);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.SLOW_DOWN, 1).onNextGets(FaultyHttp.Fault.INTERNAL_ERROR, 1);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "16"));

        assertEquals("processed", outcome.get("status"));
        assertEquals(3, http.count(SdkHttpMethod.GET), "two failed attempts, the third succeeds");
    }

    @Test
    void s3ErrorsThatOutlastTheRetriesFailTheInvocationAfterExactlyMaxAttempts() {
        String key = key("down");
        byte[] content = Records.valid(1, 2);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.INTERNAL_ERROR, 10);

        S3Exception e = assertThrows(S3Exception.class,
                () -> Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "17")));

        assertEquals(500, e.statusCode());
        assertEquals(settings.maxAttempts(), http.count(SdkHttpMethod.GET));
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, base(key)));
    }

    @Test
    void theRetryBudgetIsConfigurable() throws IOException {
        Settings five = new Settings(settings.inputPrefix(), settings.outputPrefix(), 5, 65536, 1000);
        PipelineHandler patient = new PipelineHandler(LocalS3.pipeline(http, five));
        String key = key("patient");
        byte[] content = Records.valid(1, 2);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);
        http.onNextGets(FaultyHttp.Fault.SLOW_DOWN, 4);

        Map<String, Object> outcome = Events.invoke(patient, created(LocalS3.VERSIONED, key, content, put, "18"));

        assertEquals("processed", outcome.get("status"));
        assertEquals(5, http.count(SdkHttpMethod.GET));
    }

    @Test
    void anObjectOverwrittenAfterTheEventIsSkippedAsSuperseded() throws IOException {
        String key = key("overwritten");
        byte[] first = Records.valid(1, 1);
        PutObjectResponse put = LocalS3.put(LocalS3.PLAIN, key, first);
        LocalS3.put(LocalS3.PLAIN, key, Records.valid(7, 2));

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.PLAIN, key, first, put, "19"));

        assertEquals("skipped", outcome.get("status"));
        assertTrue(((String) outcome.get("reason")).startsWith("superseded"), outcome.toString());
    }

    @Test
    void aResultLargerThanOnePartIsUploadedInPartsAndAppearsWhole() throws IOException {
        String key = key("large");
        int count = OutputWriter.PART_BYTES / Records.valid(1).length() + 2000;
        byte[] content = Records.valid(1, count);
        PutObjectResponse put = LocalS3.put(LocalS3.VERSIONED, key, content);

        Map<String, Object> outcome = Events.invoke(handler, created(LocalS3.VERSIONED, key, content, put, "1A"));

        assertEquals(count, outcome.get("records"));
        assertTrue(http.count(SdkHttpMethod.POST) >= 2, "CreateMultipartUpload and CompleteMultipartUpload");
        byte[] written = output(LocalS3.VERSIONED, outcome);
        List<String> lines = lines(written);
        assertEquals(count + 1, lines.size());
        assertTrue(Arrays.equals(content, Arrays.copyOfRange(written, written.length - content.length, written.length)),
                "the records follow the summary byte for byte");
    }

    // ---- helpers

    private String key(String name) {
        return settings.inputPrefix() + name + "-" + UUID.randomUUID() + ".jsonl";
    }

    private String base(String key) {
        return settings.outputPrefix() + key + "/";
    }

    private static List<Path> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    private static Map<String, Object> created(String bucket, String key, byte[] content, PutObjectResponse put,
                                               String sequencer) {
        return Events.created(bucket, key, content.length, put.eTag(), put.versionId(), sequencer);
    }

    private static byte[] output(String bucket, Map<String, Object> outcome) {
        String uri = (String) outcome.get("output");
        return LocalS3.get(bucket, uri.substring(("s3://" + bucket + "/").length()));
    }

    private static List<String> lines(byte[] content) {
        return List.of(new String(content, StandardCharsets.UTF_8).split("\n"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(List<String> lines) throws IOException {
        return (Map<String, Object>) JSON.std.mapFrom(lines.get(0)).get("summary");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<String, Object> summary) {
        return (Map<String, Object>) summary.get("source");
    }
}
