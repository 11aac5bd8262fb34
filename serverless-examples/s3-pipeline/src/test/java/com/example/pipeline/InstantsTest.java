package com.example.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written instant check agrees with the calendar at every bound: months, leap years, clock, fraction. */
class InstantsTest {

    private static final String FORMAT = "must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z";
    private static final String NOT_REAL = "is not a real date and time";

    @ParameterizedTest
    @ValueSource(strings = {
        "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2026-01-31T10:15:30Z", "2026-04-30T10:15:30Z",
        "2024-02-29T10:15:30Z", "2000-02-29T10:15:30Z", "2400-02-29T00:00:00Z",
        "2026-11-26T10:15:30.0Z", "2026-11-26T10:15:30.000Z", "2026-11-26T10:15:30.5Z",
        "2026-11-26T10:15:30.123456789Z",
    })
    void acceptsRealInstants(String instant) {
        assertNull(check(instant), instant);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        1969-12-31T23:59:59Z           | is not a real date and time
        2026-00-10T10:15:30Z           | is not a real date and time
        2026-13-01T10:15:30Z           | is not a real date and time
        2026-01-00T10:15:30Z           | is not a real date and time
        2026-01-32T10:15:30Z           | is not a real date and time
        2026-04-31T10:15:30Z           | is not a real date and time
        2026-12-32T10:15:30Z           | is not a real date and time
        2100-02-29T10:15:30Z           | is not a real date and time
        2026-02-29T10:15:30Z           | is not a real date and time
        2026-11-26T24:00:00Z           | is not a real date and time
        2026-11-26T10:60:00Z           | is not a real date and time
        2026-11-26T10:15:60Z           | is not a real date and time
        2026-11-26T1x:15:30Z           | is not a real date and time
        2026-11-26T10:1x:30Z           | is not a real date and time
        2026-11-26T10:15:3xZ           | is not a real date and time
        2026-1x-26T10:15:30Z           | is not a real date and time
        2026-11-26T10:15:30,5Z         | must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        2026-11-26T10:15:30.Z          | must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        2026-11-26T10:15:30.5xZ        | must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        2026-11-26T10:15:30.x5Z        | must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        2026-11-26T10:15:30.1234567890Z | must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        2026-11-26 10:15:30Z           | must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        2026-11-26T10:15:30            | must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        """)
    void rejects(String instant, String reason) {
        assertEquals(reason, check(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-26T10:15:30Z", "2026-11-26T10:15:30.25Z"})
    void readsOnlyItsOwnSliceOfALargerBuffer(String instant) {
        char[] buffer = ("xx\"" + instant + "\",").toCharArray();
        assertNull(Instants.check(buffer, 3, instant.length()));
        assertEquals(NOT_REAL, Instants.check(("xx" + instant.replace("11-26", "11-31")).toCharArray(), 2,
                instant.length()));
        assertEquals(FORMAT, Instants.check(buffer, 2, instant.length()));
    }

    private static String check(String instant) {
        return Instants.check(instant.toCharArray(), 0, instant.length());
    }
}
