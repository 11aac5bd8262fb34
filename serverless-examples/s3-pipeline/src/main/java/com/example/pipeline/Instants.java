package com.example.pipeline;

/**
 * Checks an ISO-8601 UTC instant, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, by hand: at millions of records per object,
 * java.time's parser is the slowest step of validation.
 */
final class Instants {

    private static final int[] DAYS = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    private Instants() {
    }

    /** Null when the {@code length} characters at {@code offset} are a valid instant, else why not. */
    static String check(char[] s, int offset, int length) {
        int n = length;
        if (n < 20 || n > 30 || s[offset + n - 1] != 'Z' || s[offset + 4] != '-' || s[offset + 7] != '-'
                || s[offset + 10] != 'T' || s[offset + 13] != ':' || s[offset + 16] != ':') {
            return "must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z";
        }
        int year = number(s, offset, 4);
        int month = number(s, offset + 5, 2);
        int day = number(s, offset + 8, 2);
        int hour = number(s, offset + 11, 2);
        int minute = number(s, offset + 14, 2);
        int second = number(s, offset + 17, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]
                || (month == 2 && day == 29 && !leap(year)) || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return "is not a real date and time";
        }
        if (n > 20 && (s[offset + 19] != '.' || n == 21 || number(s, offset + 20, n - 21) < 0)) {
            return "must be an ISO-8601 UTC instant like 2026-11-26T10:15:30Z";
        }
        return null;
    }

    private static boolean leap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    /** The decimal digits at [from, from + length), or -1 when one is not a digit. */
    private static int number(char[] s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = s[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
