package dev.brisk.lambda;

/**
 * How deeply a JSON text nests, counted before parsing: a recursive parser given a deep enough document runs out of
 * stack (org.json's own depth limit does not apply while it parses), so a handler rejects it first.
 */
public final class JsonDepth {

    private JsonDepth() {
    }

    /** The deepest nesting of objects and arrays in {@code json}, ignoring brackets inside strings; 0 for a scalar. */
    public static int of(CharSequence json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                max = Math.max(max, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return max;
    }
}
