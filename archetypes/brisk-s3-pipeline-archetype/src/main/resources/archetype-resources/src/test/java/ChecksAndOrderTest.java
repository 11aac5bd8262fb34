package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pure pieces: CRC-64/NVME, sequencer order, result keys, settings. */
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
    void refusesPrefixesThatWouldTriggerItselfForever() {
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("INPUT_PREFIX", "data/", "OUTPUT_PREFIX", "data/out/")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("INPUT_PREFIX", "data")));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.fromEnvironment(Map.of("S3_MAX_ATTEMPTS", "0")));
    }
}
