package com.example.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The per-key marker against S3Mock: it only moves forward, a write that loses a race re-reads and gives way to a
 * newer marker, and a marker that keeps changing, or an S3 error, fails the invocation instead of being ignored.
 */
class MarkersTest {

    private final FaultyHttp http = new FaultyHttp();
    private final S3Client s3 = S3.builder(LocalS3.env(), http, LocalS3.CREDENTIALS, 3, Duration.ofMillis(1)).build();
    private final Markers markers = new Markers(s3);
    private final String bucket = LocalS3.VERSIONED;
    private final String key = "processed/markers-" + UUID.randomUUID() + "/_sequencer";

    @Test
    void aKeyNeverProcessedHasNoMarker() {
        assertNull(markers.read(bucket, key));
    }

    @Test
    void movesForwardOnlyAndKeepsTheOutputItNames() {
        markers.advance(bucket, key, "00AB", "out-1");
        markers.advance(bucket, key, "00AA", "out-0"); // older: ignored
        assertEquals("00AB", markers.read(bucket, key).sequencer());

        markers.advance(bucket, key, "00AC", "out-2");
        assertEquals("00AC", markers.read(bucket, key).sequencer());
        assertEquals("out-2", LocalS3.admin().headObject(r -> r.bucket(bucket).key(key)).metadata().get("output"));
    }

    @Test
    void theSameSequencerTwiceWritesOnce() {
        markers.advance(bucket, key, "00AB", "out-1");
        markers.advance(bucket, key, "00AB", "out-1");
        assertEquals(1, http.count(SdkHttpMethod.PUT), "the second advance saw its sequencer and stopped");
    }

    @Test
    void aWriteThatLosesTheRaceToANewerMarkerGivesWay() {
        markers.advance(bucket, key, "00AA", "out-0");
        // Another invocation moves the marker to a newer sequencer between this one's read and its write
        http.beforeNext(SdkHttpMethod.PUT, () -> LocalS3.admin().putObject(r -> r.bucket(bucket).key(key)
                .metadata(Map.of(Markers.SEQUENCER, "00AF", "output", "theirs")), RequestBody.empty()));
        http.failNext(SdkHttpMethod.PUT, 412, 1); // what S3 answers the now stale If-Match

        markers.advance(bucket, key, "00AB", "mine");

        assertEquals("00AF", markers.read(bucket, key).sequencer());
        assertEquals("theirs", LocalS3.admin().headObject(r -> r.bucket(bucket).key(key)).metadata().get("output"));
    }

    @Test
    void aConcurrentConditionalWriteIsRetriedAfterReReading() {
        http.failNext(SdkHttpMethod.PUT, 409, 1).failNext(SdkHttpMethod.PUT, 412, 1);

        markers.advance(bucket, key, "00AB", "out-1");

        assertEquals(3, http.count(SdkHttpMethod.PUT));
        assertEquals(3, http.count(SdkHttpMethod.HEAD), "re-read before each try");
        assertEquals("00AB", markers.read(bucket, key).sequencer());
    }

    @Test
    void aMarkerThatKeepsChangingFailsAfterFiveTries() {
        http.failNext(SdkHttpMethod.PUT, 412, 5);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> markers.advance(bucket, key, "00AB", "out-1"));

        assertTrue(e.getMessage().contains("gave up after 5 tries"), e.getMessage());
        assertEquals(5, http.count(SdkHttpMethod.PUT));
        assertNull(markers.read(bucket, key));
    }

    @Test
    void fourConflictsInARowAreStillOvercome() {
        http.failNext(SdkHttpMethod.PUT, 412, 4);

        markers.advance(bucket, key, "00AB", "out-1");

        assertEquals("00AB", markers.read(bucket, key).sequencer());
    }

    @Test
    void otherS3ErrorsOnTheWriteAreNotTakenForAConflict() {
        http.failNext(SdkHttpMethod.PUT, 403, 1);

        S3Exception e = assertThrows(S3Exception.class, () -> markers.advance(bucket, key, "00AB", "out-1"));

        assertEquals(403, e.statusCode());
        assertEquals(1, http.count(SdkHttpMethod.PUT), "no second try");
    }

    @Test
    void s3ErrorsOnTheReadAreNotTakenForAMissingMarker() {
        http.failNext(SdkHttpMethod.HEAD, 403, 1);

        S3Exception e = assertThrows(S3Exception.class, () -> markers.read(bucket, key));

        assertEquals(403, e.statusCode());
    }
}
