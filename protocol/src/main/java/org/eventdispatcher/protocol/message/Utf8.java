package org.eventdispatcher.protocol.message;

/**
 * UTF-8 encoding into a caller's array, so a line can be measured first and then written into an
 * array of exactly its size. A lone surrogate becomes {@code ?}, as {@link String#getBytes} does.
 */
final class Utf8 {

    private Utf8() {
    }

    static int length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // two chars, four bytes
                    i++;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                }
            }
        }
        return bytes;
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
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
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
        } else if (c < 0x800) {
            out[pos++] = (byte) (0xC0 | c >> 6);
            out[pos++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isSurrogate(c)) {
            char low = index + 1 < text.length() ? text.charAt(index + 1) : 0;
            if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                out[pos++] = '?';
                return pos;
            }
            int codePoint = Character.toCodePoint(c, low);
            out[pos++] = (byte) (0xF0 | codePoint >> 18);
            out[pos++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            out[pos++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            out[pos++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            out[pos++] = (byte) (0xE0 | c >> 12);
            out[pos++] = (byte) (0x80 | c >> 6 & 0x3F);
            out[pos++] = (byte) (0x80 | c & 0x3F);
        }
        return pos;
    }
}
