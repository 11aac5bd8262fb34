package com.example.pipeline;

import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The newest S3 {@code sequencer} processed for each input key, kept in an empty marker object whose metadata holds
 * it, next to that key's results. Markers only move forward, by compare-and-set: the write is conditional on the
 * marker's ETag ({@code If-Match}), or on its absence ({@code If-None-Match: *}), and re-read on conflict.
 */
final class Markers {

    static final String SEQUENCER = "sequencer";
    private static final int MAX_TRIES = 5;

    private final S3Client s3;

    Markers(S3Client s3) {
        this.s3 = s3;
    }

    /** A marker as read: its sequencer and the ETag to make the next write conditional on. */
    record Marker(String sequencer, String etag) {
    }

    /** The marker, or null when the key was never processed. */
    Marker read(String bucket, String key) {
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
            return new Marker(head.metadata().get(SEQUENCER), head.eTag());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Records {@code sequencer} as processed unless a newer one already is. */
    void advance(String bucket, String key, String sequencer, String output) {
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            Marker current = read(bucket, key);
            if (current != null && compare(current.sequencer(), sequencer) >= 0) {
                return;
            }
            try {
                s3.putObject(r -> {
                    r.bucket(bucket).key(key).metadata(Map.of(SEQUENCER, sequencer, "output", output));
                    if (current == null) {
                        r.ifNoneMatch("*");
                    } else {
                        r.ifMatch(current.etag());
                    }
                }, RequestBody.empty());
                return;
            } catch (S3Exception e) {
                // 412: someone moved the marker since it was read; 409: a concurrent conditional write
                if (e.statusCode() != 412 && e.statusCode() != 409) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException("the marker " + key + " kept changing; gave up after " + MAX_TRIES + " tries");
    }

    /**
     * Orders two sequencers of the same key as S3 documents it: pad the shorter with zeros on the right, then
     * compare as strings. A missing sequencer is older than any.
     */
    static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        int length = Math.max(a.length(), b.length());
        String x = pad(a.toUpperCase(Locale.ROOT), length);
        String y = pad(b.toUpperCase(Locale.ROOT), length);
        return Integer.signum(x.compareTo(y));
    }

    private static String pad(String s, int length) {
        return s.length() >= length ? s : s + "0".repeat(length - s.length());
    }
}
