package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each bad record is rejected with a reason that names the problem and never quotes the record. */
class RecordSchemaTest {

    private final RecordSchema schema = new RecordSchema(65536);

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"A-17\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":12.5,\"currency\":\"EUR\"}",
        "{\"currency\":\"USD\",\"amount\":0,\"timestamp\":\"2024-02-29T23:59:59.123456789Z\",\"id\":\"x:y_z.1\"}",
        "{\"id\":\"n\",\"timestamp\":\"1970-01-01T00:00:00Z\",\"amount\":1e3,\"currency\":\"JPY\",\"note\":\"ok ü\"}",
        "  {\"id\":\"s\",\"timestamp\":\"2026-11-26T10:15:30.5Z\",\"amount\":1000000000,\"currency\":\"GBP\"}  ",
    })
    void acceptsValidRecords(String record) {
        assertNull(check(record));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        not JSON                  | id=1,amount=2                                                                          | not valid JSON
        truncated                 | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amo                                     | not valid JSON
        an array                  | [1,2,3]                                                                                | not a JSON object
        a string                  | `"just text"`                                                                          | not a JSON object
        two objects on one line   | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}{}            | data after the JSON object
        missing id                | {"timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}                       | missing field 'id'
        missing currency          | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1}                               | missing field 'currency'
        unknown field             | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR","price":3}    | unknown field 'price'
        repeated field            | {"id":"a","id":"b","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}     | field 'id' appears twice
        id as a number            | {"id":7,"timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}                | id: must be a string
        empty id                  | {"id":"","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}               | id: must be 1 to 64 characters
        id with a slash           | {"id":"a/b","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}            | id: may hold only letters, digits and . _ : -
        date without time         | {"id":"a","timestamp":"2026-11-26","amount":1,"currency":"EUR"}                        | timestamp: must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        offset instead of Z       | {"id":"a","timestamp":"2026-11-26T10:15:30+01:00","amount":1,"currency":"EUR"}         | timestamp: must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z
        February 30th             | {"id":"a","timestamp":"2026-02-30T10:15:30Z","amount":1,"currency":"EUR"}              | timestamp: is not a real date and time
        February 29th, 2025       | {"id":"a","timestamp":"2025-02-29T10:15:30Z","amount":1,"currency":"EUR"}              | timestamp: is not a real date and time
        hour 24                   | {"id":"a","timestamp":"2026-11-26T24:00:00Z","amount":1,"currency":"EUR"}              | timestamp: is not a real date and time
        amount as a string        | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":"1","currency":"EUR"}            | amount: must be a number
        negative amount           | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":-0.01,"currency":"EUR"}          | amount: must be from 0 to 1000000000
        amount too large          | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1e12,"currency":"EUR"}           | amount: must be from 0 to 1000000000
        amount as NaN             | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":NaN,"currency":"EUR"}            | not valid JSON
        lowercase currency        | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"eur"}              | currency: must be three capital letters
        nested object             | {"id":{"x":1},"timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}          | id: must be a string
        null note                 | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR","note":null}  | note: must be a string
        """)
    void rejects(String name, String record, String reason) {
        assertEquals(reason, check(record));
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 5000})
    void rejectsALongNote(int length) {
        String record = "{\"id\":\"a\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\",\"note\":\""
                + "n".repeat(length) + "\"}";
        assertEquals("note: must be at most 200 characters", check(record));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"a\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\"",
        "{\"id\":\"a\u00ff\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\"}"})
    void rejectsBrokenBytes(String record) {
        byte[] bytes = record.getBytes(StandardCharsets.ISO_8859_1); // \u00ff becomes the single byte 0xFF: never valid UTF-8 on its own
        assertEquals("not valid JSON", schema.check(bytes, 0, bytes.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"id\":\"a\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\",\"\u00e9\u00e8\":1}"})
    void namesAnUnknownFieldInPrintableCharactersOnly(String record) {
        assertEquals("unknown field '??'", check(record));
    }

    private String check(String record) {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        return schema.check(bytes, 0, bytes.length);
    }
}
