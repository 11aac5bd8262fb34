package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brisk.lambda.test.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HandlerTest {

    private static String invoke(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new TestContext());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void greetsTheNameOfTheSampleEvent() throws IOException {
        assertEquals("{\"message\":\"Hello, Brisk!\"}", invoke(Files.readString(Path.of("events/hello.json"))));
    }

    @Test
    void answersTheWarmUpScheduleBeforeAnythingElse() throws IOException {
        assertEquals("{\"warmed\":true}", invoke(Files.readString(Path.of("events/warmup.json"))));
    }

    @Test
    void greetsTheWorldWhenTheNameIsMissingOrNotPlainText() throws IOException {
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{}"));
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{\"name\": \"<script>\\\"\"}"));
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{\"name\": \"" + "a".repeat(101) + "\"}"));
    }

    @Test
    void greetsANameOfOneToAHundredCharactersWithoutTheSpacesAroundIt() throws IOException {
        String longest = "a".repeat(100);
        assertEquals("{\"message\":\"Hello, " + longest + "!\"}", invoke("{\"name\": \"" + longest + "\"}"));
        assertEquals("{\"message\":\"Hello, " + longest + "!\"}", invoke("{\"name\": \"  " + longest + " \"}"));
        assertEquals("{\"message\":\"Hello, Ada Lovelace!\"}", invoke("{\"name\": \" Ada Lovelace  \"}"));
        assertEquals("{\"message\":\"Hello, B!\"}", invoke("{\"name\":\"B\"}"));
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{\"name\": \"\"}"));
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{\"name\": \"   \"}"));
    }

    @Test
    void theFirstNameMemberDecidesEvenWhenItIsNotPlainText() throws IOException {
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{\"name\": \"<b>\", \"pet\": {\"name\": \"Rex\"}}"));
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{\"name\": 5, \"pet\": {\"name\": \"Rex\"}}"));
        assertEquals("{\"message\":\"Hello, World!\"}", invoke("{\"nickname\": \"Rex\"}"));
    }

    @Test
    void keepsLettersBeyondAsciiIntact() throws IOException {
        assertEquals("{\"message\":\"Hello, Zoë Ångström!\"}", invoke("{\"name\": \"Zoë Ångström\"}"));
    }
}
