package com.example.pipeline;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The fields of an S3 event delivered by EventBridge that the pipeline acts on, checked: {@code detail.bucket.name},
 * {@code detail.object.key} (URL-decoded: {@code +} is a space), {@code size}, {@code etag}, {@code version-id} and
 * {@code sequencer}.
 *
 * @param versionId null when the bucket is not versioned
 * @param size -1 when the event does not say (events other than Object Created)
 */
record ObjectEvent(String detailType, String bucket, String key, long size, String etag, String versionId,
                   String sequencer) {

    static final String CREATED = "Object Created";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** An MD5 in hex, or for multipart uploads the MD5 of the parts' MD5s and their count. */
    private static final Pattern ETAG = Pattern.compile("[0-9a-fA-F]{32}(-[0-9]{1,5})?");
    private static final Pattern SEQUENCER = Pattern.compile("[0-9a-fA-F]{1,64}");
    private static final int MAX_KEY_BYTES = 1024;

    boolean isCreated() {
        return CREATED.equals(detailType);
    }

    String source() {
        return "s3://" + bucket + "/" + key;
    }

    /** Parses an EventBridge envelope; anything malformed is a {@link BadEventException} naming the field. */
    static ObjectEvent parse(byte[] envelope) {
        Map<String, Object> event = Json.object(envelope, "event");
        if (!"aws.s3".equals(event.get("source"))) {
            throw new BadEventException("Not an S3 event: source must be aws.s3.");
        }
        String detailType = text(event, "detail-type", "detail-type");
        Map<String, Object> detail = object(event, "detail", "detail");
        String bucket = text(object(detail, "bucket", "detail.bucket"), "name", "detail.bucket.name");
        if (!BUCKET.matcher(bucket).matches()) {
            throw new BadEventException("detail.bucket.name is not a valid bucket name.");
        }
        Map<String, Object> object = object(detail, "object", "detail.object");
        String key = decode(text(object, "key", "detail.object.key"));
        boolean created = CREATED.equals(detailType);

        long size = -1;
        if (object.containsKey("size") || created) {
            if (!(object.get("size") instanceof Number n) || !(n instanceof Integer || n instanceof Long) || n.longValue() < 0) {
                throw new BadEventException("detail.object.size must be a whole number of bytes, 0 or more.");
            }
            size = n.longValue();
        }
        String etag = optionalText(object, "etag", "detail.object.etag");
        if (etag != null && !ETAG.matcher(etag).matches()) {
            throw new BadEventException("detail.object.etag is not an S3 ETag.");
        }
        if (etag == null && created) {
            throw new BadEventException("detail.object.etag is missing.");
        }
        String versionId = optionalText(object, "version-id", "detail.object.version-id");
        if ("null".equals(versionId)) {
            versionId = null; // what S3 reports for objects written while versioning was off
        }
        // Other event types (Object Deleted, ...) are only logged and ignored: they need no sequencer
        String sequencer = created ? text(object, "sequencer", "detail.object.sequencer")
                : optionalText(object, "sequencer", "detail.object.sequencer");
        if (sequencer != null && !SEQUENCER.matcher(sequencer).matches()) {
            throw new BadEventException("detail.object.sequencer must be hexadecimal.");
        }
        return new ObjectEvent(detailType, bucket, key, size, etag, versionId, sequencer);
    }

    private static String decode(String raw) {
        String key;
        try {
            key = URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadEventException("detail.object.key is not URL-encoded correctly.");
        }
        if (key.isEmpty() || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new BadEventException("detail.object.key must be 1 to " + MAX_KEY_BYTES + " bytes once decoded.");
        }
        return key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String field, String path) {
        if (parent.get(field) instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new BadEventException(path + " must be a JSON object.");
    }

    private static String text(Map<String, Object> parent, String field, String path) {
        String value = optionalText(parent, field, path);
        if (value == null || value.isEmpty()) {
            throw new BadEventException(path + " is missing.");
        }
        return value;
    }

    private static String optionalText(Map<String, Object> parent, String field, String path) {
        Object value = parent.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new BadEventException(path + " must be a string.");
        }
        return s;
    }
}
