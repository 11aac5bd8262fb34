package ${package};

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes one result object, all or nothing, and only if it does not exist yet ({@code If-None-Match: *}): the
 * summary line, then the spooled records. Up to {@link #PART_BYTES} it is one PutObject; above, a multipart
 * upload whose parts stay invisible until the final, conditional CompleteMultipartUpload (the JDK's
 * HttpURLConnection holds a request body in memory, so parts also bound the memory an upload takes).
 */
final class OutputWriter {

    /** S3's smallest part: the upload's memory is a few times this, whatever the result's size. */
    static final int PART_BYTES = 5 * 1024 * 1024;
    static final String CONTENT_TYPE = "application/x-ndjson";

    private final S3Client s3;

    OutputWriter(S3Client s3) {
        this.s3 = s3;
    }

    /** True when written; false when the object already existed (another delivery of the same event won). */
    boolean write(String bucket, String key, byte[] header, Path spool, long spoolBytes) throws IOException {
        long total = header.length + spoolBytes;
        try {
            if (total <= PART_BYTES) {
                byte[] body;
                try (InputStream in = content(header, spool)) {
                    body = in.readAllBytes();
                }
                s3.putObject(r -> r.bucket(bucket).key(key).ifNoneMatch("*").contentType(CONTENT_TYPE),
                        RequestBody.fromBytes(body));
            } else {
                multipart(bucket, key, header, spool);
            }
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return false;
            }
            throw e;
        }
    }

    private void multipart(String bucket, String key, byte[] header, Path spool) throws IOException {
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(CONTENT_TYPE)).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            byte[] buffer = new byte[PART_BYTES];
            try (InputStream in = content(header, spool)) {
                int filled;
                while ((filled = in.readNBytes(buffer, 0, PART_BYTES)) > 0) {
                    int number = parts.size() + 1;
                    int length = filled;
                    String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                            RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                    CONTENT_TYPE)).eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId).ifNoneMatch("*")
                    .multipartUpload(u -> u.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort); // the bucket's lifecycle rule removes it after a day
            }
            throw e;
        }
    }

    private static InputStream content(byte[] header, Path spool) throws IOException {
        return new SequenceInputStream(new ByteArrayInputStream(header), Files.newInputStream(spool));
    }
}
