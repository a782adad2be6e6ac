package org.eventdispatcher.protocol.message;

import java.util.TreeMap;

/** The one-line text form: parser (PROTOCOL.md a.4) and writer (a.5). */
final class TextForm {

    private final boolean upstream;

    TextForm(Compatibility compatibility) {
        this.upstream = compatibility == Compatibility.UPSTREAM;
    }

    Message parse(String input, JsonForm json) throws MessageParseException {
        String line = input;
        int nul = line.indexOf('\0');
        if (nul >= 0) {
            if (!upstream) {
                throw new MessageParseException(ParseError.INVALID_CHARACTER,
                        "the line holds a NUL character", nul);
            }
            // upstream walks a C string: the line ends at the NUL
            line = line.substring(0, nul);
        }
        int start = 0;
        int end = line.length();
        while (start < end && isBlank(line.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(line.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw new MessageParseException(ParseError.EMPTY, "the line is empty", -1);
        }
        if (start != 0 || end != line.length()) {
            line = line.substring(start, end);
        }
        if (line.charAt(0) == '{') {
            return json.parse(line);
        }
        return parseText(line);
    }

    private Message parseText(String line) throws MessageParseException {
        int length = line.length();
        int pos = 0;
        String sentFromServer = "";
        String sentFromService = "";
        if (line.charAt(0) == '<') {
            int colon = -1;
            for (int i = 1; i < length; i++) {
                char c = line.charAt(i);
                if (c == ':') {
                    colon = i;
                    break;
                }
                if (c == ' ') {
                    throw new MessageParseException(ParseError.BAD_SENT_FROM,
                            "the sent-from server name holds a space", i);
                }
            }
            if (colon < 0) {
                throw new MessageParseException(ParseError.BAD_SENT_FROM,
                        "the sent-from part \"<server:service \" has no ':'", length);
            }
            int space = line.indexOf(' ', colon + 1);
            if (space < 0) {
                throw new MessageParseException(ParseError.BAD_SENT_FROM,
                        "the sent-from part \"<server:service \" is not followed by a command", length);
            }
            sentFromServer = line.substring(1, colon);
            sentFromService = line.substring(colon + 1, space);
            pos = space + 1;
        }

        String server = "";
        String service = "";
        boolean serverSeen = false;
        boolean serviceSeen = false;
        int tokenStart = pos;
        while (pos < length) {
            char c = line.charAt(pos);
            if (c == ' ') {
                break;
            }
            if (c == ':') {
                if (serverSeen || serviceSeen || pos == tokenStart) {
                    throw new MessageParseException(ParseError.BAD_DESTINATION,
                            pos == tokenStart ? "empty server name before ':'" : "misplaced ':' in the destination", pos);
                }
                server = line.substring(tokenStart, pos);
                serverSeen = true;
                tokenStart = pos + 1;
            } else if (c == '/') {
                if (serviceSeen || pos == tokenStart) {
                    throw new MessageParseException(ParseError.BAD_DESTINATION,
                            pos == tokenStart ? "empty service name before '/'" : "misplaced '/' in the destination", pos);
                }
                service = line.substring(tokenStart, pos);
                serviceSeen = true;
                tokenStart = pos + 1;
            }
            pos++;
        }
        if (pos == tokenStart) {
            throw new MessageParseException(ParseError.MISSING_COMMAND, "the message has no command", pos);
        }
        String command = line.substring(tokenStart, pos);
        TreeMap<String, String> parameters = null;
        if (pos < length) {
            parameters = new TreeMap<>(Message.NAME_ORDER);
            parseParameters(line, pos + 1, parameters);
        }
        return new Message(sentFromServer, sentFromService, server, service, command, parameters);
    }

    private void parseParameters(String line, int from, TreeMap<String, String> parameters)
            throws MessageParseException {
        int length = line.length();
        int pos = from;
        while (pos < length) {
            int equal = line.indexOf('=', pos);
            int nameEnd = equal < 0 ? length : equal;
            if (nameEnd == pos) {
                throw new MessageParseException(ParseError.EMPTY_PARAM_NAME, "a parameter has no name before '='", pos);
            }
            String name = line.substring(pos, nameEnd);
            if (!MessageNames.isValidParameterName(name)) {
                throw new MessageParseException(ParseError.INVALID_PARAM_NAME,
                        "invalid parameter name \"" + name + "\" (use a-z, A-Z, 0-9 and _, not starting with a digit)", pos);
            }
            if (equal < 0) {
                throw new MessageParseException(ParseError.MISSING_EQUAL,
                        "parameter \"" + name + "\" has no '=' and no value", length);
            }
            pos = equal + 1;
            String value;
            if (pos < length && line.charAt(pos) == '"') {
                int close = closingQuote(line, pos + 1);
                if (close < 0) {
                    throw new MessageParseException(ParseError.UNTERMINATED_QUOTE,
                            "the value of parameter \"" + name + "\" has no closing quote", pos);
                }
                value = upstream ? decode(unescapeQuotes(line, pos + 1, close)) : decodeQuoted(line, pos + 1, close);
                pos = close + 1;
                if (pos < length && line.charAt(pos) != ';') {
                    throw new MessageParseException(ParseError.MISSING_SEMICOLON,
                            "expected ';' or the end of the line after the quoted value of \"" + name + "\"", pos);
                }
            } else {
                int semicolon = line.indexOf(';', pos);
                int valueEnd = semicolon < 0 ? length : semicolon;
                value = decode(line, pos, valueEnd);
                pos = valueEnd;
            }
            parameters.put(name, value);
            pos++; // the ';' (or past the end)
        }
    }

    /** Index of the quote closing a value that starts at {@code from}, or -1. */
    private int closingQuote(String line, int from) {
        int length = line.length();
        for (int i = from; i < length; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < length) {
                char next = line.charAt(i + 1);
                // upstream reads only \" as a pair; the fix reads \\ as one unit too, so "x\\" closes
                if (next == '"' || (!upstream && next == '\\')) {
                    i++;
                }
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Upstream's first pass over a quoted value: only {@code \"} becomes {@code "}. */
    private static String unescapeQuotes(String line, int from, int to) {
        if (line.indexOf('\\', from) < 0 || line.indexOf('\\', from) >= to) {
            return line.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < to && line.charAt(i + 1) == '"') {
                out.append('"');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String decode(String raw) {
        return decode(raw, 0, raw.length());
    }

    /** The value pass: {@code \\}, {@code \n}, {@code \r} decoded, anything else copied. */
    private static String decode(String line, int from, int to) {
        int backslash = line.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return line.substring(from, to);
        }
        return unescape(line, from, to, false);
    }

    /** The fixed quoted pass: {@code \"} as well as the value escapes, in one left-to-right pass. */
    private static String decodeQuoted(String line, int from, int to) {
        int backslash = line.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return line.substring(from, to);
        }
        return unescape(line, from, to, true);
    }

    private static String unescape(String line, int from, int to, boolean quotes) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < to) {
                char next = line.charAt(i + 1);
                switch (next) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case '"' -> {
                        if (!quotes) {
                            out.append(c);
                            continue;
                        }
                        out.append('"');
                    }
                    default -> {
                        out.append(c);
                        continue;
                    }
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    void write(Message message, StringBuilder out) {
        String command = message.command();
        if (command == null || command.isEmpty()) {
            throw new InvalidMessageException("a message without a command cannot be written");
        }
        if (!message.sentFromServer().isEmpty() || !message.sentFromService().isEmpty()) {
            out.append('<').append(message.sentFromServer()).append(':').append(message.sentFromService()).append(' ');
        }
        if (!message.service().isEmpty()) {
            if (!message.server().isEmpty()) {
                out.append(message.server()).append(':');
            }
            out.append(message.service()).append('/');
        }
        out.append(command);
        var parameters = message.parameters();
        if (parameters.isEmpty()) {
            return;
        }
        char separator = ' ';
        String last = parameters.lastKey();
        for (var parameter : parameters.entrySet()) {
            out.append(separator).append(parameter.getKey()).append('=');
            writeValue(parameter.getValue(), !upstream && parameter.getKey() == last, out);
            separator = ';';
        }
    }

    private static void writeValue(String value, boolean last, StringBuilder out) {
        if (value.isEmpty()) {
            return;
        }
        boolean quote = value.charAt(0) == '"' || value.indexOf(';') >= 0
                // fix (2): trailing blanks of the last value would be trimmed with the line
                || (last && isBlank(value.charAt(value.length() - 1)));
        if (quote) {
            out.append('"');
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '"' -> out.append(quote ? "\\\"" : "\"");
                default -> out.append(c);
            }
        }
        if (quote) {
            out.append('"');
        }
    }

    /** ASCII white space as C's isspace sees it: not {@link String#trim()}, not {@link String#strip()}. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
