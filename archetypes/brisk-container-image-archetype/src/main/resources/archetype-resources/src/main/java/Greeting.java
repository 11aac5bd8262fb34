package ${package};

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The name to greet: the event's top-level "name" string, if it is plain text; "World" otherwise. */
final class Greeting {

    /** Letters, digits, spaces and a few marks: nothing that would need escaping in the JSON answer. */
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([\\p{L}\\p{N} .'-]*)\"");

    private Greeting() {
    }

    static String name(String event, int maxLength) {
        Matcher m = NAME.matcher(event);
        if (!m.find() || m.group(1).isBlank() || m.group(1).length() > maxLength) {
            return "World";
        }
        return m.group(1).strip();
    }
}
