package com.example.pipeline;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One Object Created event in, at most one result out. Idempotent: the result's key is derived from the object's
 * identity (version id, else ETag) and written only if absent, and a per-key marker skips events older than the
 * newest one processed. The object is read in one streaming pass and checked whole before anything is written.
 */
final class Pipeline {

    /** Full reads of an object before a failed integrity check fails the invocation. */
    static final int READS = 2;
    static final String MARKER = "_sequencer";
    private static final int MAX_KEY_BYTES = 1024;

    private final S3Client s3;
    private final Settings settings;
    private final RecordSchema schema;
    private final OutputWriter writer;
    private final Markers markers;
    private final Path spoolDirectory;

    Pipeline(S3Client s3, Settings settings, Path spoolDirectory) {
        this.s3 = s3;
        this.settings = settings;
        this.schema = new RecordSchema(settings.maxRecordBytes());
        this.writer = new OutputWriter(s3);
        this.markers = new Markers(s3);
        this.spoolDirectory = spoolDirectory;
    }

    Outcome process(ObjectEvent event) throws IOException {
        if (!event.isCreated()) {
            return Outcome.ignored(event, "not an Object Created event: " + event.detailType());
        }
        if (!event.key().startsWith(settings.inputPrefix())) {
            return Outcome.ignored(event, "key outside " + settings.inputPrefix());
        }
        String bucket = event.bucket();
        String base = outputBase(event.key());
        String outputKey = base + identity(event) + ".jsonl";
        String markerKey = base + MARKER;

        Markers.Marker marker = markers.read(bucket, markerKey);
        if (marker != null) {
            int order = Markers.compare(marker.sequencer(), event.sequencer());
            if (order > 0) {
                return Outcome.skipped(event, "stale: the key was already processed at newer sequencer "
                        + marker.sequencer());
            }
            if (order == 0) {
                return Outcome.skipped(event, "duplicate: sequencer " + event.sequencer() + " already processed");
            }
        }
        if (exists(bucket, outputKey)) {
            markers.advance(bucket, markerKey, event.sequencer(), outputKey);
            return Outcome.skipped(event, "duplicate: s3://" + bucket + "/" + outputKey + " exists");
        }

        Read read;
        try {
            read = readChecked(event);
        } catch (Unavailable e) {
            return Outcome.skipped(event, e.getMessage());
        }
        try (Scan scan = read.scan()) {
            byte[] header = header(event, read);
            boolean written = writer.write(bucket, outputKey, header, scan.spool(), scan.spooledBytes());
            markers.advance(bucket, markerKey, event.sequencer(), outputKey);
            return written
                    ? Outcome.processed(event, "s3://" + bucket + "/" + outputKey, scan)
                    : Outcome.skipped(event, "duplicate: written by a concurrent delivery");
        }
    }

    /** A checked read: the scan of the object, how its integrity was proven, and its size. */
    private record Read(Scan scan, String integrity, long bytes) {
    }

    /** Reads and checks the whole object, re-reading once when what arrived is not what S3 holds. */
    private Read readChecked(ObjectEvent event) throws IOException {
        RuntimeException last = null;
        for (int read = 1; read <= READS; read++) {
            ResponseInputStream<GetObjectResponse> in = open(event);
            Scan scan = new Scan(schema, settings, spoolDirectory);
            try (in) {
                Integrity integrity = Integrity.of(in.response(), event.size());
                scan.run(integrity.wrap(in));
                integrity.verify();
                checkWhole(in.response(), scan);
                return new Read(scan, integrity.method(), integrity.bytes());
            } catch (Integrity.IntegrityException | SdkClientException | IOException e) {
                // A checksum the SDK or Integrity rejected, a short read, or a connection lost mid-object
                scan.close();
                last = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                System.err.println("Read " + read + " of " + event.source() + " failed its check: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                scan.close();
                throw e;
            }
        }
        throw new CorruptObjectException(event.source() + " failed its integrity check on " + READS + " reads: "
                + last.getMessage(), last);
    }

    private ResponseInputStream<GetObjectResponse> open(ObjectEvent event) {
        GetObjectRequest.Builder request = GetObjectRequest.builder()
                .bucket(event.bucket())
                .key(event.key())
                .checksumMode(ChecksumMode.ENABLED);
        if (event.versionId() != null) {
            request.versionId(event.versionId());
        } else {
            request.ifMatch("\"" + event.etag() + "\""); // the object the event is about, not a later overwrite
        }
        try {
            return s3.getObject(request.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new Unavailable("superseded: the object was overwritten after the event");
            }
            if (e.statusCode() == 404) {
                throw new Unavailable("gone: the object was deleted after the event");
            }
            throw e;
        }
    }

    /** Whole-object rules: at least one record, and as many as the producer declared, if it did. */
    private static void checkWhole(GetObjectResponse response, Scan scan) {
        long found = scan.records() + scan.rejected();
        if (found == 0) {
            throw new CorruptObjectException("the object holds no records");
        }
        String declared = response.metadata().get("record-count");
        if (declared != null && !declared.equals(Long.toString(found))) {
            throw new CorruptObjectException("the object holds " + found + " records, its record-count metadata says "
                    + declared + ": truncated or padded by its producer");
        }
    }

    private byte[] header(ObjectEvent event, Read read) {
        Scan scan = read.scan();
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("bucket", event.bucket());
        source.put("key", event.key());
        source.put("versionId", event.versionId());
        source.put("etag", event.etag());
        source.put("sequencer", event.sequencer());
        source.put("bytes", read.bytes());
        source.put("integrity", read.integrity());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", source);
        summary.put("lines", scan.lines());
        summary.put("records", scan.records());
        summary.put("rejected", scan.rejected());
        summary.put("rejections", scan.rejections());
        summary.put("rejectionsTruncated", scan.rejectionsTruncated());
        byte[] json = Json.bytes(Map.of("summary", summary));
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Results of {@code key} live under {@code <outputPrefix><key>/}, or a hash of the key when that is too long. */
    String outputBase(String key) {
        String base = settings.outputPrefix() + key + "/";
        if (base.getBytes(StandardCharsets.UTF_8).length + 200 <= MAX_KEY_BYTES) {
            return base;
        }
        return settings.outputPrefix() + "sha256-" + sha256(key) + "/";
    }

    /** The object's identity in a key: its version id when the bucket is versioned, else its ETag. */
    static String identity(ObjectEvent event) {
        return event.versionId() != null
                ? "v-" + URLEncoder.encode(event.versionId(), StandardCharsets.UTF_8)
                : "e-" + event.etag().toLowerCase(Locale.ROOT);
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The object the event names cannot be read any more, for a reason that retrying will not change. */
    private static final class Unavailable extends RuntimeException {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }
}
