package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Throughput of the streaming path on a 100 MiB object, in MB/s. A benchmark, not a test: it asserts only that the
 * work was done, never how fast, and it is left out of {@code mvn verify} (its name matches no test pattern).
 * Run it with {@code mvn test -Dtest=StreamingBenchmark}.
 */
class StreamingBenchmark {

    private static final long LINES = 100L * 1024 * 1024 / GeneratedObject.record(0).length;
    private static final int ROUNDS = 5;

    /** Line splitting, schema validation, MD5 and the spool file: the function's own work, no network. */
    @Test
    void validateAndSpool() throws IOException {
        Settings settings = LocalS3.settings();
        RecordSchema schema = new RecordSchema(settings.maxRecordBytes());
        long size = GeneratedObject.size(LINES);
        GetObjectResponse response = GetObjectResponse.builder().contentLength(size)
                .eTag("\"00000000000000000000000000000000\"").build();
        for (int round = 1; round <= ROUNDS; round++) {
            long start = System.nanoTime();
            try (Scan scan = new Scan(schema, settings, Path.of(System.getProperty("java.io.tmpdir")))) {
                Integrity integrity = Integrity.of(response, size);
                scan.run(integrity.wrap(new GeneratedObject(LINES)));
                assertEquals(LINES - LINES / GeneratedObject.BAD_EVERY, scan.records());
                report("validate + MD5 + spool (no network)", round, size, System.nanoTime() - start);
            }
        }
    }

    /** The whole handler on a 100 MiB object in S3Mock: GET, checks, spool, multipart PUT of the result. */
    @Test
    void handlerAgainstS3Mock() throws IOException {
        String key = LocalS3.settings().inputPrefix() + "bench-" + UUID.randomUUID() + ".jsonl";
        long size = GeneratedObject.size(LINES);
        String etag = LocalS3.admin().putObject(r -> r.bucket(LocalS3.PLAIN).key(key),
                RequestBody.fromContentProvider(() -> new GeneratedObject(LINES), size, "application/x-ndjson")).eTag();
        for (int round = 1; round <= ROUNDS; round++) {
            PipelineHandler handler = new PipelineHandler(LocalS3.pipeline(new FaultyHttp(), LocalS3.settings()));
            // A new sequencer per round, and the previous result removed, so every round does the whole work
            LocalS3.keys(LocalS3.PLAIN, LocalS3.settings().outputPrefix() + key + "/")
                    .forEach(k -> LocalS3.admin().deleteObject(r -> r.bucket(LocalS3.PLAIN).key(k)));
            long start = System.nanoTime();
            Map<String, Object> outcome = Events.invoke(handler,
                    Events.created(LocalS3.PLAIN, key, size, etag, null, String.format("%04X", round)));
            assertEquals("processed", outcome.get("status"));
            report("handler, S3Mock in-process (GET + PUT)", round, size, System.nanoTime() - start);
        }
    }

    private static void report(String what, int round, long bytes, long nanos) {
        System.out.printf("%-42s round %d: %6.1f MB/s (%d MiB in %d ms)%n", what, round,
                bytes / 1e6 / (nanos / 1e9), bytes >> 20, nanos / 1_000_000);
    }

}
