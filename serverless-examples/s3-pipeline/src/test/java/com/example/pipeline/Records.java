package com.example.pipeline;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Test helper: input records, valid by default. */
final class Records {

    private Records() {
    }

    static String valid(int n) {
        return "{\"id\":\"r-" + n + "\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":" + n + ".25,\"currency\":\"EUR\"}";
    }

    /** Lines joined by {@code \n}, with a final newline. */
    static byte[] lines(String... lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte[] valid(int from, int count) {
        String[] lines = new String[count];
        for (int i = 0; i < count; i++) {
            lines[i] = valid(from + i);
        }
        return lines(lines);
    }
}
