package com.example.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** One scan's counts and spool, and the result's upload at the single-object/multipart boundary, against S3Mock. */
class ScanAndWriterTest {

    @TempDir
    Path spool;

    private final FaultyHttp http = new FaultyHttp();
    private final S3Client s3 = S3.builder(LocalS3.env(), http, LocalS3.CREDENTIALS, 1, Duration.ofMillis(1)).build();

    @Test
    void reportsTheFirstRejectionsUpToTheLimitAndCountsThemAll() throws IOException {
        Settings settings = new Settings("in/", "out/", 3, 256, 2);
        byte[] object = Records.lines(Records.valid(1), "{}", "[1]", Records.valid(4), "x", "{\"id\":\"a\"}");
        try (Scan scan = new Scan(new RecordSchema(settings.maxRecordBytes()), settings, spool)) {
            scan.run(new ByteArrayInputStream(object));

            assertEquals(6, scan.lines());
            assertEquals(2, scan.records());
            assertEquals(4, scan.rejected());
            assertEquals(List.of(Map.of("line", 2L, "reason", "missing field 'id'"),
                    Map.of("line", 3L, "reason", "not a JSON object")), scan.rejections());
            assertTrue(scan.rejectionsTruncated());
            byte[] spooled = Files.readAllBytes(scan.spool());
            assertArrayEquals(Records.lines(Records.valid(1), Records.valid(4)), spooled);
            assertEquals(spooled.length, scan.spooledBytes());
        }
        try (Scan scan = new Scan(new RecordSchema(64), new Settings("in/", "out/", 3, 64, 2), spool)) {
            scan.run(new ByteArrayInputStream(Records.lines("{}", "{}")));
            assertEquals(2, scan.rejections().size());
            assertFalse(scan.rejectionsTruncated(), "exactly as many as may be reported: all of them are");
        }
        try (Stream stream = new Stream(spool)) {
            assertEquals(0, stream.count(), "closing a scan deletes its spool");
        }
    }

    @Test
    void rejectsALineOverTheLimitByItsLengthNotItsContent() throws IOException {
        Settings settings = new Settings("in/", "out/", 3, 64, 10);
        byte[] object = Records.lines(" ".repeat(100), "", Records.valid(2));
        try (Scan scan = new Scan(new RecordSchema(64), settings, spool)) {
            scan.run(new ByteArrayInputStream(object));

            assertEquals(3, scan.lines());
            assertEquals(0, scan.records(), "a valid record of more than 64 bytes is over the limit too");
            assertEquals(List.of(Map.of("line", 1L, "reason", "longer than 64 bytes"),
                    Map.of("line", 3L, "reason", "longer than 64 bytes")), scan.rejections());
        }
    }

    @Test
    void aResultOfExactlyOnePartIsOnePutObject() throws IOException {
        String key = "processed/writer-" + UUID.randomUUID() + ".jsonl";
        byte[] header = "{\"summary\":{}}\n".getBytes(StandardCharsets.UTF_8);
        byte[] records = new byte[OutputWriter.PART_BYTES - header.length];
        Arrays.fill(records, (byte) 'r');
        Path file = Files.write(spool.resolve("records.jsonl"), records);

        assertTrue(new OutputWriter(s3).write(LocalS3.VERSIONED, key, header, file, records.length));

        assertEquals(0, http.count(SdkHttpMethod.POST), "no multipart upload");
        assertEquals(1, http.count(SdkHttpMethod.PUT));
        assertEquals(OutputWriter.PART_BYTES, LocalS3.get(LocalS3.VERSIONED, key).length);
    }

    @Test
    void aFailedPartAbortsTheUploadAndAFailedAbortIsKeptWithTheFailure() throws IOException {
        String key = "processed/writer-" + UUID.randomUUID() + ".jsonl";
        byte[] header = "{\"summary\":{}}\n".getBytes(StandardCharsets.UTF_8);
        byte[] records = new byte[OutputWriter.PART_BYTES];
        Arrays.fill(records, (byte) 'r');
        Path file = Files.write(spool.resolve("records.jsonl"), records);
        http.failNext(SdkHttpMethod.PUT, 403, 1).failNext(SdkHttpMethod.DELETE, 403, 1);

        S3Exception e = assertThrows(S3Exception.class,
                () -> new OutputWriter(s3).write(LocalS3.VERSIONED, key, header, file, records.length));

        assertEquals(403, e.statusCode());
        assertEquals(1, e.getSuppressed().length, "the abort's own failure, not lost");
        assertEquals(403, ((S3Exception) e.getSuppressed()[0]).statusCode());
        assertEquals(1, http.count(SdkHttpMethod.DELETE), "the upload was aborted");
        assertEquals(List.of(), LocalS3.keys(LocalS3.VERSIONED, key), "nothing visible");
    }

    /** The files of a directory, closed after use. */
    private static final class Stream implements AutoCloseable {
        private final java.util.stream.Stream<Path> files;

        Stream(Path directory) throws IOException {
            this.files = Files.list(directory);
        }

        long count() {
            return files.count();
        }

        @Override
        public void close() {
            files.close();
        }
    }
}
