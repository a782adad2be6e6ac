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
            out.append('<').append(message.sentFromServer()).append(':').append(message.sentFromService()).append(' ');
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

    /** The text form in UTF-8, followed by {@code \n}. */
    byte[] writeLine(Message message) {
        requireCommand(message);
        byte[] line = new byte[utf8Length(message) + 1];
        int pos = 0;
        if (!message.sentFromServer().isEmpty() || !message.sentFromService().isEmpty()) {
            line[pos++] = '<';
            pos = Utf8.put(message.sentFromServer(), line, pos);
            line[pos++] = ':';
            pos = Utf8.put(message.sentFromService(), line, pos);
            line[pos++] = ' ';
        }
        if (!message.service().isEmpty()) {
            if (!message.server().isEmpty()) {
                pos = Utf8.put(message.server(), line, pos);
                line[pos++] = ':';
            }
            pos = Utf8.put(message.service(), line, pos);
            line[pos++] = '/';
        }
        pos = Utf8.put(message.command(), line, pos);
        ParameterMap parameters = message.parameterMap();
        int count = parameters.size();
        for (int i = 0; i < count; i++) {
            String value = parameters.valueAt(i);
            boolean quoted = needsQuotes(value, i == count - 1);
            line[pos++] = (byte) (i == 0 ? ' ' : ';');
            pos = Utf8.put(parameters.nameAt(i), line, pos);
            line[pos++] = '=';
            if (quoted) {
                line[pos++] = '"';
            }
            pos = putEscaped(value, quoted, line, pos);
            if (quoted) {
                line[pos++] = '"';
            }
        }
        line[pos] = '\n';
        return line;
    }

    /** The exact UTF-8 length of the text form, without line feed. */
    private int utf8Length(Message message) {
        int length = 0;
        if (!message.sentFromServer().isEmpty() || !message.sentFromService().isEmpty()) {
            length += 3 + Utf8.length(message.sentFromServer()) + Utf8.length(message.sentFromService());
        }
        if (!message.service().isEmpty()) {
            if (!message.server().isEmpty()) {
                length += 1 + Utf8.length(message.server());
            }
            length += 1 + Utf8.length(message.service());
        }
        length += Utf8.length(message.command());
        ParameterMap parameters = message.parameterMap();
        int count = parameters.size();
        for (int i = 0; i < count; i++) {
            String value = parameters.valueAt(i);
            boolean quoted = needsQuotes(value, i == count - 1);
            length += 2 + Utf8.length(parameters.nameAt(i)) + escapedUtf8Length(value, quoted) + (quoted ? 2 : 0);
        }
        return length;
    }

    private static int charLengthEstimate(Message message) {
        int length = 8 + message.sentFromServer().length() + message.sentFromService().length()
                + message.server().length() + message.service().length() + message.command().length();
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
        return value.charAt(0) == '"' || value.indexOf(';') >= 0
                || (last && quoteTrailingBlanks && TextReader.isBlank(value.charAt(value.length() - 1)));
    }

    /** One left-to-right pass: {@code \} → {@code \\}, LF → {@code \n}, CR → {@code \r}, and {@code "} → {@code \"} when quoted. */
    private static void appendEscaped(String value, boolean quoted, StringBuilder out) {
        int length = value.length();
        for (int i = 0; i < length; i++) {
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
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
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

    private static int escapedUtf8Length(String value, boolean quoted) {
        int length = Utf8.length(value);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || (quoted && c == '"')) {
                length++;
            }
        }
        return length;
    }

    private static boolean isCommandOnly(Message message) {
        return message.parameters().isEmpty() && message.service().isEmpty()
                && message.sentFromServer().isEmpty() && message.sentFromService().isEmpty();
    }

    private static void requireCommand(Message message) {
        if (message.command().isEmpty()) {
            throw new InvalidMessageException("a message without a command cannot be written");
        }
    }
}
