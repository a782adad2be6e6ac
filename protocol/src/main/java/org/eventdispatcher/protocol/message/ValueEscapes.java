package org.eventdispatcher.protocol.message;

/**
 * The backslash escapes of parameter values (PROTOCOL.md a.4 step 6 and the second decoding of
 * a.6). Values without a backslash, nearly all of them, come back as the very same string.
 */
final class ValueEscapes {

    private ValueEscapes() {}

    /**
     * One left-to-right pass: {@code \\} becomes {@code \}, {@code \n} a line feed, {@code \r} a
     * carriage return and, when {@code quotes} is set, {@code \"} a quote; anything else (a lone
     * {@code \}, {@code \t}, {@code \x41}) stays as it is.
     */
    static String decode(String raw, boolean quotes) {
        int backslash = raw.indexOf('\\');
        if (backslash < 0) {
            return raw;
        }
        int length = raw.length();
        StringBuilder out = new StringBuilder(length).append(raw, 0, backslash);
        for (int i = backslash; i < length; i++) {
            char c = raw.charAt(i);
            char next = c == '\\' && i + 1 < length ? raw.charAt(i + 1) : 0;
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case '"' -> out.append(quotes ? "\"" : "\\\"");
                default -> {
                    out.append(c);
                    continue;
                }
            }
            i++;
        }
        return out.toString();
    }

    /** Upstream's first pass over a quoted value: only {@code \"} becomes {@code "}. */
    static String unescapeQuotes(String raw) {
        int pair = raw.indexOf("\\\"");
        if (pair < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length()).append(raw, 0, pair);
        int length = raw.length();
        for (int i = pair; i < length; i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < length && raw.charAt(i + 1) == '"') {
                out.append('"');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
