package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unedited S3 events EventBridge delivers (src/test/resources/events) parse into what the pipeline needs. */
class RealEventsTest {

    @Test
    void objectCreated() throws IOException {
        ObjectEvent event = ObjectEvent.parse(read("object-created.json"));

        assertTrue(event.isCreated());
        assertEquals("example-bucket", event.bucket());
        assertEquals("IMG_m7fzo3.jpg", event.key());
        assertEquals(184662, event.size());
        assertEquals("4e68adba0abe2dc8653dc3354e14c01d", event.etag());
        assertNull(event.versionId());
        assertEquals("006408CAD69598B05E", event.sequencer());
    }

    @Test
    void objectDeleted() throws IOException {
        ObjectEvent event = ObjectEvent.parse(read("object-deleted.json"));

        assertFalse(event.isCreated());
        assertEquals("Object Deleted", event.detailType());
        assertEquals(-1, event.size());
        assertEquals("IMG_m7fzo3.jpg", event.key());
    }

    @Test
    void edgesTheRealEventCanReach() {
        ObjectEvent empty = ObjectEvent.parse(edited("size", 0, "key", "incoming/" + "k".repeat(1024 - 9)));
        assertEquals(0, empty.size(), "an empty object is an object");
        assertEquals(1024, empty.key().length(), "a key of exactly 1,024 bytes, S3's longest");
        assertEquals("s3://example-bucket/incoming/" + "k".repeat(1015), empty.source());

        ObjectEvent unversioned = ObjectEvent.parse(edited("version-id", "null", "key", "a+b%2Bc"));
        assertNull(unversioned.versionId(), "S3's 'null' version of an object written while versioning was off");
        assertEquals("a b+c", unversioned.key());
        assertEquals("s3://example-bucket/a b+c", unversioned.source());
    }

    private static byte[] edited(String field, Object value, String otherField, Object otherValue) {
        Map<String, Object> event = Events.load("object-created.json");
        Map<String, Object> object = Events.map(Events.map(event, "detail"), "object");
        object.put(field, value);
        object.put(otherField, otherValue);
        return Events.bytes(event);
    }

    @Test
    void theSampleEventsForBriskInvokeParseToo() throws IOException {
        for (String sample : new String[] {"events/object-created.json", "events/deleted.json"}) {
            try (InputStream in = Files.newInputStream(Path.of(sample))) {
                ObjectEvent event = ObjectEvent.parse(in.readAllBytes());
                assertTrue(event.key().startsWith(LocalS3.settings().inputPrefix()), sample);
            }
        }
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = RealEventsTest.class.getResourceAsStream("/events/" + name)) {
            return in.readAllBytes();
        }
    }
}
