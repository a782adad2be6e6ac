package org.eventdispatcher.protocol.message;

/**
 * Writes the one-line text form (PROTOCOL.md a.5), to a {@code String} or straight to the UTF-8
 * bytes of a line. The byte form is measured first and written into an array of exactly that
 * size, so sending a message allocates the line and nothing else.
 */
final class TextWriter {

    /** Fix (2) of a.5: quote the last value when it ends with a blank the parser would trim. */
    private final boolean quoteTrailingBlanks;

    TextWriter(Compatibility compatibility) {
        this.quoteTrailingBlanks = compatibility != Compatibility.UPSTREAM;
    }

    String write(Message message) {
        requireCommand(message);
        if (isCommandOnly(message)) {
            return message.command();
        }
        StringBuilder out = new StringBuilder(charLengthEstimate(message));
        append(message, out);
        return out.toString();
    }

    void append(Message message, StringBuilder out) {
        requireCommand(message);
        if (!message.sentFromServer().isEmpty() || !message.sentFromService().isEmpty()) {
            out.append('<')
                    .append(message.sentFromServer())
                    .append(':')
                    .append(message.sentFromService())
                    .append(' ');
        }
        if (!message.service().isEmpty()) {
            if (!message.server().isEmpty()) {
                out.append(message.server()).append(':');
            }
            out.append(message.service()).append('/');
        }
        out.append(message.command());
        ParameterMap parameters = message.parameterMap();
        int count = parameters.size();
        for (int i = 0; i < count; i++) {
            String value = parameters.valueAt(i);
            boolean quoted = needsQuotes(value, i == count - 1);
            out.append(i == 0 ? ' ' : ';').append(parameters.nameAt(i)).append('=');
            if (quoted) {
                out.append('"');
            }
            appendEscaped(value, quoted, out);
            if (quoted) {
                out.append('"');
            }
        }
    }

    /**
     * The text form in UTF-8, followed by {@code \n}. A first pass measures the line; when it is
     * plain (ASCII, nothing to escape: the usual case) the second pass is a few array copies.
     */
    byte[] writeLine(Message message) {
        requireCommand(message);
        boolean sentFrom = !message.sentFromServer().isEmpty()
                || !message.sentFromService().isEmpty();
        boolean destination = !message.service().isEmpty();
        boolean server = destination && !message.server().isEmpty();
        ParameterMap parameters = message.parameterMap();
        int count = parameters.size();

        int length = message.command().length();
        int extra = Utf8.extraBytes(message.command());
        if (sentFrom) {
            length += 3
                    + message.sentFromServer().length()
                    + message.sentFromService().length();
            extra += Utf8.extraBytes(message.sentFromServer()) + Utf8.extraBytes(message.sentFromService());
        }
        if (destination) {
            length += 1 + message.service().length();
            extra += Utf8.extraBytes(message.service());
        }
        if (server) {
            length += 1 + message.server().length();
            extra += Utf8.extraBytes(message.server());
        }
        for (int i = 0; i < count; i++) {
            String name = parameters.nameAt(i);
            String value = parameters.valueAt(i);
            boolean quoted = needsQuotes(value, i == count - 1);
            length += 2 + name.length() + value.length() + (quoted ? 2 : 0);
            extra += Utf8.extraBytes(name) + extraEscapedBytes(value, quoted);
        }

        boolean plain = extra == 0;
        byte[] line = new byte[length + extra + 1];
        int pos = 0;
        if (sentFrom) {
            line[pos++] = '<';
            pos = put(message.sentFromServer(), plain, line, pos);
            line[pos++] = ':';
            pos = put(message.sentFromService(), plain, line, pos);
            line[pos++] = ' ';
        }
        if (server) {
            pos = put(message.server(), plain, line, pos);
            line[pos++] = ':';
        }
        if (destination) {
            pos = put(message.service(), plain, line, pos);
            line[pos++] = '/';
        }
        pos = put(message.command(), plain, line, pos);
        for (int i = 0; i < count; i++) {
            String value = parameters.valueAt(i);
            boolean quoted = needsQuotes(value, i == count - 1);
            line[pos++] = (byte) (i == 0 ? ' ' : ';');
            pos = put(parameters.nameAt(i), plain, line, pos);
            line[pos++] = '=';
            if (quoted) {
                line[pos++] = '"';
            }
            pos = plain ? Utf8.putAscii(value, line, pos) : putEscaped(value, quoted, line, pos);
            if (quoted) {
                line[pos++] = '"';
            }
        }
        line[pos] = '\n';
        return line;
    }

    private static int put(String text, boolean plain, byte[] line, int pos) {
        return plain ? Utf8.putAscii(text, line, pos) : Utf8.put(text, line, pos);
    }

    private static int charLengthEstimate(Message message) {
        int length = 8
                + message.sentFromServer().length()
                + message.sentFromService().length()
                + message.server().length()
                + message.service().length()
                + message.command().length();
        ParameterMap parameters = message.parameterMap();
        for (int i = 0; i < parameters.size(); i++) {
            length += 4 + parameters.nameAt(i).length() + parameters.valueAt(i).length();
        }
        return length;
    }

    /** Quoting is needed iff the value holds ';' or starts with '"' (and, with fix (2), see above). */
    private boolean needsQuotes(String value, boolean last) {
        if (value.isEmpty()) {
            return false;
        }
        return value.charAt(0) == '"'
                || value.indexOf(';') >= 0
                || (last && quoteTrailingBlanks && endsWithBlankWhenWritten(value));
    }

    /** CR and LF are written escaped ({@code \r}, {@code \n}): the line does not end with a blank then. */
    private static boolean endsWithBlankWhenWritten(String value) {
        char end = value.charAt(value.length() - 1);
        return end != '\n' && end != '\r' && TextReader.isBlank(end);
    }

    /** One left-to-right pass: {@code \} → {@code \\}, LF → {@code \n}, CR → {@code \r}, and {@code "} → {@code \"} when quoted. */
    private static void appendEscaped(String value, boolean quoted, StringBuilder out) {
        int length = value.length();
        int plain = 0;
        while (plain < length && !needsEscape(value.charAt(plain), quoted)) {
            plain++;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '"' -> out.append(quoted ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
    }

    private static int putEscaped(String value, boolean quoted, byte[] line, int pos) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                pos = Utf8.put(value, i, line, pos);
                if (Utf8.isPair(value, i)) {
                    i++;
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    line[pos++] = '\\';
                    line[pos++] = '\\';
                }
                case '\n' -> {
                    line[pos++] = '\\';
                    line[pos++] = 'n';
                }
                case '\r' -> {
                    line[pos++] = '\\';
                    line[pos++] = 'r';
                }
                case '"' -> {
                    if (quoted) {
                        line[pos++] = '\\';
                    }
                    line[pos++] = '"';
                }
                default -> line[pos++] = (byte) c;
            }
        }
        return pos;
    }

    /** Bytes the escaped value takes beyond its length in chars: one per escape, plus UTF-8's extra bytes. */
    private static int extraEscapedBytes(String value, boolean quoted) {
        int extra = 0;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                extra += Utf8.extraBytes(value, i);
                if (Utf8.isPair(value, i)) {
                    i++;
                }
            } else if (needsEscape(c, quoted)) {
                extra++;
            }
        }
        return extra;
    }

    private static boolean needsEscape(char c, boolean quoted) {
        return c == '\\' || c == '\n' || c == '\r' || (quoted && c == '"');
    }

    private static boolean isCommandOnly(Message message) {
        return message.parameters().isEmpty()
                && message.service().isEmpty()
                && message.sentFromServer().isEmpty()
                && message.sentFromService().isEmpty();
    }

    private static void requireCommand(Message message) {
        if (message.command().isEmpty()) {
            throw new InvalidMessageException("a message without a command cannot be written");
        }
    }
}
