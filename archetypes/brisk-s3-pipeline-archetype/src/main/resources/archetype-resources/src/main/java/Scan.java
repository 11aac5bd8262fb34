package ${package};

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over an object: each line checked against the {@link RecordSchema}, valid records spooled to a file in
 * /tmp (nothing reaches S3 before the whole object is read and checked), rejections counted and the first few
 * hundred kept with their line numbers. Memory stays bounded by the longest line and the reported rejections.
 */
final class Scan implements AutoCloseable {

    private final RecordSchema schema;
    private final int maxRecordBytes;
    private final int maxReportedRejections;
    private final Path spool;
    private final List<Map<String, Object>> rejections = new ArrayList<>();
    private long lines;
    private long records;
    private long rejected;
    private long spooledBytes;

    Scan(RecordSchema schema, Settings settings, Path spoolDirectory) {
        this.schema = schema;
        this.maxRecordBytes = settings.maxRecordBytes();
        this.maxReportedRejections = settings.maxReportedRejections();
        try {
            this.spool = Files.createTempFile(spoolDirectory, "records-", ".jsonl");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a spool file in " + spoolDirectory, e);
        }
    }

    void run(InputStream object) throws IOException {
        LineReader reader = new LineReader(object, maxRecordBytes);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(spool), 256 * 1024)) {
            while (reader.next()) {
                lines = reader.lineNumber();
                if (reader.blank()) {
                    continue; // blank lines are neither records nor errors
                }
                String reason = reader.tooLong()
                        ? "longer than " + maxRecordBytes + " bytes"
                        : schema.check(reader.array(), reader.offset(), reader.length());
                if (reason == null) {
                    out.write(reader.array(), reader.offset(), reader.length());
                    out.write('\n');
                    spooledBytes += reader.length() + 1L;
                    records++;
                } else {
                    reject(reader.lineNumber(), reason);
                }
            }
        }
    }

    private void reject(long line, String reason) {
        rejected++;
        if (rejections.size() < maxReportedRejections) {
            Map<String, Object> rejection = new LinkedHashMap<>();
            rejection.put("line", line);
            rejection.put("reason", reason);
            rejections.add(rejection);
        }
    }

    long lines() {
        return lines;
    }

    long records() {
        return records;
    }

    long rejected() {
        return rejected;
    }

    List<Map<String, Object>> rejections() {
        return rejections;
    }

    boolean rejectionsTruncated() {
        return rejected > rejections.size();
    }

    Path spool() {
        return spool;
    }

    long spooledBytes() {
        return spooledBytes;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            // /tmp is the function's own; a leftover file is reclaimed with the execution environment
        }
    }
}
