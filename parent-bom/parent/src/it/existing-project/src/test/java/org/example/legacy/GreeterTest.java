package org.example.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GreeterTest {

    @Test
    void greetsByName() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Greeter().handleRequest(new ByteArrayInputStream("{\"name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8)), out, null);
        assertEquals("{\"greeting\":\"Hello, Ada\"}", out.toString(StandardCharsets.UTF_8));
    }
}
