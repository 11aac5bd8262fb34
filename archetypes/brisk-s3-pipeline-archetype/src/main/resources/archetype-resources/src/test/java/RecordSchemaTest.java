package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
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
        currency of four letters  | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EURO"}             | currency: must be three capital letters
        currency of two letters   | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EU"}               | currency: must be three capital letters
        currency with @           | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"@UR"}              | currency: must be three capital letters
        currency with [           | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EU["}              | currency: must be three capital letters
        id of 65 characters       | {"id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"} | id: must be 1 to 64 characters
        id with a brace           | {"id":"a{","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}             | id: may hold only letters, digits and . _ : -
        id with an at sign        | {"id":"@","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}              | id: may hold only letters, digits and . _ : -
        id with a bracket         | {"id":"Z[","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}             | id: may hold only letters, digits and . _ : -
        id with a semicolon       | {"id":"9;","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}             | id: may hold only letters, digits and . _ : -
        id with a space           | {"id":"a b","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}            | id: may hold only letters, digits and . _ : -
        missing timestamp         | {"id":"a","amount":1,"currency":"EUR"}                                                 | missing field 'timestamp'
        missing amount            | {"id":"a","timestamp":"2026-11-26T10:15:30Z","currency":"EUR"}                         | missing field 'amount'
        only a note               | {"note":"n"}                                                                           | missing field 'id'
        an empty object           | {}                                                                                     | missing field 'id'
        amount as a boolean       | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":true,"currency":"EUR"}           | amount: must be a number
        timestamp as a number     | {"id":"a","timestamp":1764152130,"amount":1,"currency":"EUR"}                          | timestamp: must be a string
        nested object             | {"id":{"x":1},"timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR"}          | id: must be a string
        null note                 | {"id":"a","timestamp":"2026-11-26T10:15:30Z","amount":1,"currency":"EUR","note":null}  | note: must be a string
        """)
    void rejects(String name, String record, String reason) {
        assertEquals(reason, check(record));
    }

    @ParameterizedTest
    @ValueSource(strings = {"azAZ09", "z", "Z", "9", "0", "a.b_c:d-e", "A"})
    void acceptsEveryIdCharacterAtTheEdgesOfItsRanges(String id) {
        assertNull(check("{\"id\":\"" + id + "\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"ZAR\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ZAR", "AAA", "ZZZ", "AUD"})
    void acceptsCurrenciesAtTheEdgesOfTheAlphabet(String currency) {
        assertNull(check("{\"id\":\"a\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"" + currency + "\"}"));
    }

    @Test
    void acceptsAnIdOfExactly64CharactersWhateverThePreviousValueLeftInTheParsersBuffer() {
        // The note fills the parser's text buffer beyond 64 characters with a '/' at index 64: a check reading one
        // character past the id would see it
        String note = "n".repeat(64) + "/";
        assertNull(check("{\"note\":\"" + note + "\",\"id\":\"" + "i".repeat(64)
                + "\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\"}"));
    }

    @Test
    void acceptsANoteOfExactly200Characters() {
        assertNull(check("{\"id\":\"a\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\",\"note\":\""
                + "n".repeat(200) + "\"}"));
    }

    @Test
    void namesAnUnknownFieldInFullUpTo40CharactersThenCutsIt() {
        String forty = "f".repeat(40);
        String base = "{\"id\":\"a\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\",\"";
        assertEquals("unknown field '" + forty + "'", check(base + forty + "\":1}"));
        assertEquals("unknown field '" + forty + "...'", check(base + forty + "g\":1}"));
    }

    @Test
    void checksOnlyItsSliceOfTheLine() {
        String record = "{\"id\":\"a\",\"timestamp\":\"2026-11-26T10:15:30Z\",\"amount\":1,\"currency\":\"EUR\"}";
        byte[] line = ("garbage" + record + "more garbage").getBytes(StandardCharsets.UTF_8);
        assertNull(schema.check(line, 7, record.length()));
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
