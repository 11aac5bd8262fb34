package ${package};

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name to greet: the value of the event's first "name" member, without the spaces around it, if it is plain text
 * of 1 to maxLength characters; "World" otherwise. A regular expression, not a JSON parser: the first "name" member
 * at any depth decides.
 */
final class Greeting {

    /**
     * The first "name" member; its value (group 1) only if it is a string of letters, digits, spaces and a few marks:
     * nothing that would need escaping in the JSON answer.
     */
    private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*(?:\"([\\p{L}\\p{N} .'-]*)\")?");

    private Greeting() {
    }

    static String name(String event, int maxLength) {
        Matcher m = NAME.matcher(event);
        String name = m.find() && m.group(1) != null ? m.group(1).strip() : "";
        return name.isEmpty() || name.length() > maxLength ? "World" : name;
    }
}
