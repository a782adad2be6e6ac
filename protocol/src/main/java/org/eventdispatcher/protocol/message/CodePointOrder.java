package org.eventdispatcher.protocol.message;

/**
 * Unicode code point order of parameter names ({@link Message#NAME_ORDER}): the UTF-8 byte order
 * upstream's {@code std::map} gives. Plain {@link String#compareTo} orders UTF-16 units, which puts
 * supplementary characters (surrogate pairs, D800..DFFF) before U+E000..U+FFFF; ranking
 * U+E000..U+FFFF below the surrogates fixes it.
 */
final class CodePointOrder {

    private CodePointOrder() {}

    static int compare(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    /** Keeps U+0000..U+D7FF, moves U+E000..U+FFFF down to D800..F7FF and the surrogates up to F800..FFFF. */
    private static int codePointRank(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
