package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The small pure pieces: CRC-64/NVME, sequencer order, result keys, settings, backoff, the client's wiring. */
class ChecksAndOrderTest {

    @Test
    void crc64NvmeMatchesTheCatalogueCheckValue() {
        Crc64Nvme crc = new Crc64Nvme();
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        crc.update(check, 0, check.length);
        // CRC-64/NVME in the CRC catalogue: check = 0xae8b14860a799888
        assertEquals(0xAE8B14860A799888L, crc.getValue());
        crc.reset();
        for (byte b : check) {
            crc.update(b);
        }
        assertEquals(0xAE8B14860A799888L, crc.getValue());
    }

    @ParameterizedTest
    @CsvSource({
        "0055AB, 0055AC, -1",
        "0055AB, 0055AB, 0",
        "0055AB, 0055AB00, 0",
        "0055AB, 0055AB01, -1",
        "0067456C8E2FA1B300, 0067456C8E2FA1B2, 1",
        "00ff, 00FE, 1",
    })
    void ordersSequencersAsS3Documents(String a, String b, int expected) {
        assertEquals(expected, Markers.compare(a, b));
        assertEquals(-expected, Markers.compare(b, a));
    }

    @Test
    void aMissingSequencerIsOlderThanAny() {
        assertEquals(-1, Markers.compare(null, "00"));
        assertEquals(1, Markers.compare("00", null));
        assertEquals(0, Markers.compare(null, null));
    }

    @Test
    void namesResultsByVersionElseByEtag() {
        ObjectEvent versioned = new ObjectEvent("Object Created", "b", "k", 1, "abc", "3/L4kq+t", "01");
        ObjectEvent plain = new ObjectEvent("Object Created", "b", "k", 1, "ABC", null, "01");
        assertEquals("v-3%2FL4kq%2Bt", Pipeline.identity(versioned));
        assertEquals("e-abc", Pipeline.identity(plain));
    }

    @Test
    void hashesKeysTooLongToNestResultsUnder() {
        Settings settings = Settings.fromEnvironment(Map.of());
        Pipeline pipeline = new Pipeline(null, settings, null);
        String longKey = settings.inputPrefix() + "k".repeat(900);
        assertEquals(settings.outputPrefix() + "short.jsonl/", pipeline.outputBase("short.jsonl"));
        assertEquals(settings.outputPrefix().length() + "sha256-".length() + 64 + 1, pipeline.outputBase(longKey).length());
    }

    @Test
    void nestsResultsUnderTheKeyUpToTheLastByteThatLeavesRoomForTheirNames() {
        Settings settings = Settings.fromEnvironment(Map.of());
        Pipeline pipeline = new Pipeline(null, settings, null);
        // <outputPrefix><key>/ plus 200 bytes for the result's name must fit S3's 1,024-byte keys
        String fits = "k".repeat(1024 - 200 - settings.outputPrefix().length() - 1);
        assertEquals(settings.outputPrefix() + fits + "/", pipeline.outputBase(fits));
        String over = fits + "k";
        String hashed = pipeline.outputBase(over);
        assertTrue(hashed.startsWith(settings.outputPrefix() + "sha256-"), hashed);
        assertNotEquals(hashed, pipeline.outputBase(fits + "j"), "one hash per key");
        // Multi-byte characters count as bytes: 410 two-byte characters are 820 bytes
        assertTrue(pipeline.outputBase("\u00e9".repeat(410)).contains("sha256-"));
    }

    @Test
    void refusesPrefixesThatWouldTriggerItselfForever() {
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("INPUT_PREFIX", "data/", "OUTPUT_PREFIX", "data/out/")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("INPUT_PREFIX", "data")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("S3_MAX_ATTEMPTS", "0")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("INPUT_PREFIX", "out/", "OUTPUT_PREFIX", "out/")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("INPUT_PREFIX", "in/deeper/", "OUTPUT_PREFIX", "in/")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("OUTPUT_PREFIX", "processed")));
    }

    @Test
    void takesEverySettingFromTheEnvironment() {
        Settings settings = Settings.fromEnvironment(Map.of("INPUT_PREFIX", "in/", "OUTPUT_PREFIX", "out/",
                "S3_MAX_ATTEMPTS", "4", "MAX_RECORD_BYTES", "1024", "MAX_REPORTED_REJECTIONS", "7"));
        assertEquals(new Settings("in/", "out/", 4, 1024, 7), settings);
        Settings defaults = Settings.fromEnvironment(Map.of()); // the archetype's properties
        assertEquals(65536, defaults.maxRecordBytes());
        assertEquals(1000, defaults.maxReportedRejections());
    }

    @ParameterizedTest
    @CsvSource({"1, 64", "10, 64", "1, 16777216", "3, 65536"})
    void acceptsSettingsAtTheirBounds(int maxAttempts, int maxRecordBytes) {
        Settings settings = new Settings("in/", "out/", maxAttempts, maxRecordBytes, 0);
        assertEquals(maxAttempts, settings.maxAttempts());
        assertEquals(maxRecordBytes, settings.maxRecordBytes());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 65536 | S3_MAX_ATTEMPTS must be 1 to 10, was 0",
        "11 | 65536 | S3_MAX_ATTEMPTS must be 1 to 10, was 11",
        "3 | 63 | MAX_RECORD_BYTES must be 64 bytes to 16 MiB, was 63",
        "3 | 16777217 | MAX_RECORD_BYTES must be 64 bytes to 16 MiB, was 16777217",
    })
    void refusesSettingsJustOutsideTheirBounds(int maxAttempts, int maxRecordBytes, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Settings("in/", "out/", maxAttempts, maxRecordBytes, 0));
        assertEquals(message, e.getMessage());
    }

    @Test
    void backoffDrawsFromZeroToTheDoublingCeilingCappedAtTheMaximum() {
        S3.FullJitter jitter = new S3.FullJitter(Duration.ofMillis(100), Duration.ofMillis(1000));
        for (int attempt = 1; attempt <= 8; attempt++) {
            long ceiling = Math.min(1000, 100L << (attempt - 1));
            long max = 0;
            for (int i = 0; i < 300; i++) {
                long delay = jitter.computeDelay(attempt).toMillis();
                assertTrue(delay >= 0 && delay <= ceiling, "attempt " + attempt + ": " + delay + " ms");
                max = Math.max(max, delay);
            }
            // 300 draws from [0, ceiling]: the top half is all but certain to be reached
            assertTrue(max > ceiling / 2, "attempt " + attempt + " never went above " + max + " ms");
        }
    }

    @Test
    void backoffCanReachItsCeilingAndZero() {
        S3.FullJitter jitter = new S3.FullJitter(Duration.ofMillis(1), Duration.ofMillis(5000));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(jitter.computeDelay(1).toMillis());
        }
        assertEquals(Set.of(0L, 1L), seen, "full jitter on attempt 1 draws 0 or 1 ms, both ends included");
        assertTrue(jitter.computeDelay(100).toMillis() <= 5000, "the shift is capped, the delay too");
    }

    @Test
    void takesContainerCredentialsWhenLambdaGivesAnEndpointElseEnvironmentKeys() {
        assertInstanceOf(ContainerCredentialsProvider.class,
                S3.credentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/credentials")));
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, S3.credentials(Map.of()));
    }

    @Test
    void theHandlersPipelineTakesItsSettingsAndEndpointFromTheEnvironment() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-3", "S3_ENDPOINT", "http://127.0.0.1:9",
                "OUTPUT_PREFIX", "results/");
        try (S3Client s3 = S3.client(env, 2)) {
            assertEquals(Region.EU_WEST_3, s3.serviceClientConfiguration().region());
            assertEquals(Optional.of(URI.create("http://127.0.0.1:9")), s3.serviceClientConfiguration().endpointOverride());
        }
        try (SdkHttpClient http = S3.http()) {
            assertEquals("UrlConnection", http.clientName(), "the JDK's HttpURLConnection, named, not discovered");
        }
        Pipeline pipeline = PipelineHandler.pipeline(env);
        assertEquals("results/k/", pipeline.outputBase("k"));
    }
}
