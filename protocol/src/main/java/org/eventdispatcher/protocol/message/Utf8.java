package org.eventdispatcher.protocol.message;

/**
 * UTF-8 encoding into a caller's array, so a line can be measured first and then written into an
 * array of exactly its size. A lone surrogate becomes U+FFFD. Every character that is not ASCII
 * takes more bytes than chars, so a text whose UTF-8 length equals its length is plain ASCII.
 */
final class Utf8 {

    private Utf8() {}

    /** How many more bytes than chars {@code text} takes in UTF-8; 0 means plain ASCII. */
    static int extraBytes(String text) {
        int extra = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) >= 0x80) {
                extra += extraBytes(text, i);
                if (isPair(text, i)) {
                    i++;
                }
            }
        }
        return extra;
    }

    /**
     * How many more bytes than chars the character at {@code index} takes: 1 up to U+07FF, else 2
     * (three bytes for one char, or four bytes for the two chars of a surrogate pair).
     */
    static int extraBytes(String text, int index) {
        char c = text.charAt(index);
        return c < 0x80 ? 0 : c < 0x800 ? 1 : 2;
    }

    /** True when a surrogate pair starts at {@code index}. */
    static boolean isPair(String text, int index) {
        return Character.isHighSurrogate(text.charAt(index))
                && index + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(index + 1));
    }

    /** Writes all of {@code text} at {@code pos}; returns the position after it. */
    static int put(String text, byte[] out, int pos) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else {
                pos = put(text, i, out, pos);
                if (isPair(text, i)) {
                    i++;
                }
            }
        }
        return pos;
    }

    /** Writes the character at {@code index} (both halves of a surrogate pair); returns the position after it. */
    static int put(String text, int index, byte[] out, int pos) {
        char c = text.charAt(index);
        if (c < 0x80) {
            out[pos++] = (byte) c;
            return pos;
        }
        if (c < 0x800) {
            out[pos++] = (byte) (0xC0 | c >> 6);
            out[pos++] = (byte) (0x80 | c & 0x3F);
            return pos;
        }
        if (Character.isSurrogate(c)) {
            char low = index + 1 < text.length() ? text.charAt(index + 1) : 0;
            if (Character.isHighSurrogate(c) && Character.isLowSurrogate(low)) {
                int codePoint = Character.toCodePoint(c, low);
                out[pos++] = (byte) (0xF0 | codePoint >> 18);
                out[pos++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[pos++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[pos++] = (byte) (0x80 | codePoint & 0x3F);
                return pos;
            }
            c = '\uFFFD';
        }
        out[pos++] = (byte) (0xE0 | c >> 12);
        out[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
        out[pos++] = (byte) (0x80 | c & 0x3F);
        return pos;
    }

    /**
     * Copies a text known to be plain ASCII: for a compact (Latin-1) string the deprecated
     * {@link String#getBytes(int, int, byte[], int)} is one array copy, and for ASCII it is exact.
     */
    @SuppressWarnings("deprecation")
    static int putAscii(String text, byte[] out, int pos) {
        text.getBytes(0, text.length(), out, pos);
        return pos + text.length();
    }
}
