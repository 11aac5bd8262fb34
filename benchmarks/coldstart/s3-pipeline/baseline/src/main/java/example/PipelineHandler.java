package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 pipeline's job as AWS's examples write a Lambda function: an EventBridge "Object Created" event as the
 * events library's ScheduledEvent, S3Client.create(), Jackson. Same steps, same input, same answer as the Brisk
 * template: HEAD the key's marker, HEAD the result, GET the object with checksum validation, check each JSON line,
 * PUT the result (If-None-Match: *), PUT the marker.
 */
public class PipelineHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final S3Client s3 = S3Client.create();
    private final String inputPrefix = System.getenv().getOrDefault("INPUT_PREFIX", "incoming/");
    private final String outputPrefix = System.getenv().getOrDefault("OUTPUT_PREFIX", "processed/");

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> detail = event.getDetail();
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) detail.get("object");
        @SuppressWarnings("unchecked")
        String bucket = (String) ((Map<String, Object>) detail.get("bucket")).get("name");
        String key = URLDecoder.decode((String) object.get("key"), StandardCharsets.UTF_8);
        String versionId = (String) object.get("version-id");
        String sequencer = (String) object.get("sequencer");
        String source = "s3://" + bucket + "/" + key;
        if (!"Object Created".equals(event.getDetailType()) || !key.startsWith(inputPrefix)) {
            return result("ignored", source);
        }
        String base = outputPrefix + key + "/";
        String outputKey = base + (versionId != null ? "v-" + URLEncoder.encode(versionId, StandardCharsets.UTF_8)
                : "e-" + object.get("etag")) + ".jsonl";
        String markerKey = base + "_sequencer";

        HeadObjectResponse marker = head(bucket, markerKey);
        if (marker != null && sequencer.compareTo(marker.metadata().getOrDefault("sequencer", "")) <= 0) {
            return result("skipped", source);
        }
        if (head(bucket, outputKey) != null) {
            return result("skipped", source);
        }

        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(key).versionId(versionId)
                .checksumMode(ChecksumMode.ENABLED).build();
        StringBuilder records = new StringBuilder();
        List<Map<String, Object>> rejections = new ArrayList<>();
        long valid = 0;
        long lines = 0;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(get);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                String error = check(line);
                if (error == null) {
                    valid++;
                    records.append(line).append('\n');
                } else {
                    rejections.add(Map.of("line", lines, "reason", error));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("source", Map.of("bucket", bucket, "key", key, "versionId", versionId, "sequencer", sequencer));
        summary.put("lines", lines);
        summary.put("records", valid);
        summary.put("rejected", rejections.size());
        summary.put("rejections", rejections);
        String body;
        try {
            body = MAPPER.writeValueAsString(Map.of("summary", summary)) + "\n" + records;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(outputKey).ifNoneMatch("*")
                .contentType("application/x-ndjson").build(), RequestBody.fromString(body));
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(markerKey).ifNoneMatch("*")
                .metadata(Map.of("sequencer", sequencer, "output", outputKey)).build(), RequestBody.empty());

        Map<String, Object> result = result("processed", source);
        result.put("output", "s3://" + bucket + "/" + outputKey);
        result.put("records", valid);
        result.put("rejected", rejections.size());
        return result;
    }

    private HeadObjectResponse head(String bucket, String key) {
        try {
            return s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The template's record schema: id, ISO-8601 timestamp, amount 0..1e9, three-letter currency, optional note. */
    static String check(String line) {
        JsonNode record;
        try {
            record = MAPPER.readTree(line);
        } catch (IOException e) {
            return "not valid JSON";
        }
        if (record == null || !record.isObject()) {
            return "not a JSON object";
        }
        for (var names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("id", "timestamp", "amount", "currency", "note").contains(name)) {
                return "unknown field '" + name + "'";
            }
        }
        JsonNode id = record.get("id");
        if (id == null || !id.isTextual() || !id.asText().matches("[A-Za-z0-9._:-]{1,64}")) {
            return "id: must be 1 to 64 of letters, digits and . _ : -";
        }
        JsonNode timestamp = record.get("timestamp");
        if (timestamp == null || !timestamp.isTextual()) {
            return "missing field 'timestamp'";
        }
        try {
            Instant.parse(timestamp.asText());
        } catch (DateTimeParseException e) {
            return "timestamp: must be an ISO-8601 UTC instant";
        }
        JsonNode amount = record.get("amount");
        if (amount == null || !amount.isNumber() || amount.asDouble() < 0 || amount.asDouble() > 1_000_000_000) {
            return "amount: must be a number from 0 to 1000000000";
        }
        JsonNode currency = record.get("currency");
        if (currency == null || !currency.isTextual() || !currency.asText().matches("[A-Z]{3}")) {
            return "currency: must be three capital letters";
        }
        JsonNode note = record.get("note");
        return note == null || note.isTextual() && note.asText().length() <= 200 ? null : "note: at most 200 characters";
    }

    private static Map<String, Object> result(String status, String source) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status);
        result.put("source", source);
        return result;
    }
}
