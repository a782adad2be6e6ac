package org.eventdispatcher.protocol.message;

import static org.eventdispatcher.protocol.message.ParseError.BAD_DESTINATION;
import static org.eventdispatcher.protocol.message.ParseError.BAD_SENT_FROM;
import static org.eventdispatcher.protocol.message.ParseError.EMPTY;
import static org.eventdispatcher.protocol.message.ParseError.EMPTY_PARAM_NAME;
import static org.eventdispatcher.protocol.message.ParseError.INVALID_CHARACTER;
import static org.eventdispatcher.protocol.message.ParseError.INVALID_PARAM_NAME;
import static org.eventdispatcher.protocol.message.ParseError.MISSING_COMMAND;
import static org.eventdispatcher.protocol.message.ParseError.MISSING_EQUAL;
import static org.eventdispatcher.protocol.message.ParseError.MISSING_SEMICOLON;
import static org.eventdispatcher.protocol.message.ParseError.TOO_MANY_PARAMETERS;
import static org.eventdispatcher.protocol.message.ParseError.UNTERMINATED_QUOTE;

import java.nio.charset.StandardCharsets;

/**
 * Reads one line (PROTOCOL.md a.4): trims it, applies the NUL rule, hands the JSON form to
 * {@link JsonReader} and parses the text form itself.
 *
 * <p>One algorithm reads both a {@code String} and UTF-8 bytes: a line is given either as
 * {@code text} (then {@code bytes} is null) or as {@code bytes} (then {@code text} is null), and
 * every access goes through {@link #at}, {@link #indexOf} and {@link #string}. Every character
 * that steers the parser is ASCII, and UTF-8 never puts an ASCII byte inside a multi-byte
 * character, so scanning bytes stops exactly where scanning characters would. Only the pieces the
 * message keeps are decoded, straight from the bytes: a line read from a socket never becomes a
 * {@code String} of its own, and parsing allocates nothing beyond the message.
 */
final class TextReader {

    private final boolean upstream;
    private final int maxParameters;

    TextReader(Compatibility compatibility, int maxParameters) {
        this.upstream = compatibility == Compatibility.UPSTREAM;
        this.maxParameters = maxParameters;
    }

    Message parse(String line) throws MessageParseException {
        return read(line, null, 0, line.length());
    }

    Message parse(byte[] line, int offset, int length) throws MessageParseException {
        java.util.Objects.checkFromIndexSize(offset, length, line.length);
        return read(null, line, offset, offset + length);
    }

    private Message read(String text, byte[] bytes, int from, int to) throws MessageParseException {
        int start = from;
        int end = to;
        while (start < end && isBlank(at(text, bytes, start))) {
            start++;
        }
        while (end > start && isBlank(at(text, bytes, end - 1))) {
            end--;
        }
        if (start == end) {
            throw new MessageParseException(EMPTY, "the line is empty", -1);
        }
        int nul = indexOf(text, bytes, '\0', start, end);
        if (nul >= 0 && !upstream) {
            throw error(INVALID_CHARACTER, "the line holds a NUL character", text, bytes, start, nul);
        }
        if (at(text, bytes, start) == '{') {
            return JsonReader.parse(string(text, bytes, start, end), maxParameters);
        }
        // upstream walks the text form as a C string: it ends at the first NUL
        return readText(text, bytes, start, nul >= 0 ? nul : end);
    }

    private Message readText(String text, byte[] bytes, int start, int end) throws MessageParseException {
        int pos = start;
        String sentFromServer = "";
        String sentFromService = "";
        if (pos < end && at(text, bytes, pos) == '<') {
            int colon = -1;
            for (int i = pos + 1; i < end && colon < 0; i++) {
                int c = at(text, bytes, i);
                if (c == ' ') {
                    throw error(BAD_SENT_FROM, "the sent-from server name holds a space", text, bytes, start, i);
                }
                if (c == ':') {
                    colon = i;
                }
            }
            int space = colon < 0 ? -1 : indexOf(text, bytes, ' ', colon + 1, end);
            if (space < 0) {
                throw error(
                        BAD_SENT_FROM,
                        "the line starts with '<' but not with \"<server:service \" and a command",
                        text,
                        bytes,
                        start,
                        end);
            }
            sentFromServer = string(text, bytes, pos + 1, colon);
            sentFromService = string(text, bytes, colon + 1, space);
            pos = space + 1;
        }

        int token = pos;
        int colon = -1;
        int slash = -1;
        int segment = pos;
        for (int c; pos < end && (c = at(text, bytes, pos)) != ' '; pos++) {
            if (c == ':') {
                if (colon >= 0 || slash >= 0 || pos == segment) {
                    throw error(
                            BAD_DESTINATION,
                            colon >= 0
                                    ? "a second ':' in the destination"
                                    : slash >= 0
                                            ? "a ':' after the service name (write server:service/COMMAND)"
                                            : "an empty server name before ':'",
                            text,
                            bytes,
                            start,
                            pos);
                }
                colon = pos;
                segment = pos + 1;
            } else if (c == '/') {
                if (slash >= 0 || pos == segment) {
                    throw error(
                            BAD_DESTINATION,
                            slash >= 0 ? "a second '/' in the destination" : "an empty service name before '/'",
                            text,
                            bytes,
                            start,
                            pos);
                }
                slash = pos;
                segment = pos + 1;
            }
        }
        if (pos == segment) {
            throw error(MISSING_COMMAND, "the message has no command", text, bytes, start, pos);
        }
        String server = colon >= 0 ? string(text, bytes, token, colon) : "";
        String service = slash >= 0 ? string(text, bytes, colon >= 0 ? colon + 1 : token, slash) : "";
        String command = string(text, bytes, segment, pos);
        ParameterMap parameters = pos < end ? readParameters(text, bytes, start, pos + 1, end) : ParameterMap.EMPTY;
        return new Message(sentFromServer, sentFromService, server, service, command, parameters);
    }

    private ParameterMap readParameters(String text, byte[] bytes, int start, int from, int end)
            throws MessageParseException {
        // the ';' count bounds the parameters, but a line of ';' must not size the array past the cap
        ParameterMap parameters =
                ParameterMap.withCapacity(Math.min(parameterBound(text, bytes, from, end), maxParameters));
        int pos = from;
        int count = 0;
        while (pos < end) {
            int nameStart = pos;
            if (++count > maxParameters) {
                throw error(
                        TOO_MANY_PARAMETERS,
                        "more than " + maxParameters + " parameters in one message",
                        text,
                        bytes,
                        start,
                        pos);
            }
            int c = at(text, bytes, pos);
            if (c == '=') {
                throw error(EMPTY_PARAM_NAME, "a parameter has no name before '='", text, bytes, start, pos);
            }
            if (c >= '0' && c <= '9') {
                throw invalidName(text, bytes, start, nameStart, end);
            }
            for (; pos < end && (c = at(text, bytes, pos)) != '='; pos++) {
                if (!isNameCharacter(c)) {
                    throw invalidName(text, bytes, start, nameStart, end);
                }
            }
            if (pos == end) {
                throw error(
                        MISSING_EQUAL,
                        "parameter \"" + excerpt(string(text, bytes, nameStart, end)) + "\" has no '=' and no value",
                        text,
                        bytes,
                        start,
                        end);
            }
            String name = string(text, bytes, nameStart, pos);
            pos++;
            String value;
            if (pos < end && at(text, bytes, pos) == '"') {
                int close = closingQuote(text, bytes, pos + 1, end);
                if (close < 0) {
                    throw error(
                            UNTERMINATED_QUOTE,
                            "the value of parameter \"" + name + "\" has no closing quote",
                            text,
                            bytes,
                            start,
                            pos);
                }
                String raw = string(text, bytes, pos + 1, close);
                // upstream turns \" into " first and decodes the rest afterwards; the fix reads \\ as one unit
                value = upstream
                        ? ValueEscapes.decode(ValueEscapes.unescapeQuotes(raw), false)
                        : ValueEscapes.decode(raw, true);
                pos = close + 1;
                if (pos < end && at(text, bytes, pos) != ';') {
                    throw error(
                            MISSING_SEMICOLON,
                            "';' or the end of the line must follow the quoted value of \"" + name + "\"",
                            text,
                            bytes,
                            start,
                            pos);
                }
            } else {
                int semicolon = indexOf(text, bytes, ';', pos, end);
                int valueEnd = semicolon < 0 ? end : semicolon;
                value = ValueEscapes.decode(string(text, bytes, pos, valueEnd), false);
                pos = valueEnd;
            }
            parameters.add(name, value);
            pos++; // past the ';' (or the end)
        }
        return parameters.compact();
    }

    /** Each parameter but the last ends with ';': a bound that makes the map's array right first time. */
    private static int parameterBound(String text, byte[] bytes, int from, int end) {
        int count = 1;
        for (int i = indexOf(text, bytes, ';', from, end); i >= 0; i = indexOf(text, bytes, ';', i + 1, end)) {
            count++;
        }
        return count;
    }

    /** Index of the quote closing a value whose text starts at {@code from}, or -1. */
    private int closingQuote(String text, byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            int c = at(text, bytes, i);
            if (c == '"') {
                return i;
            }
            if (c == '\\' && i + 1 < end) {
                int next = at(text, bytes, i + 1);
                // upstream reads only \" as a pair; fix (1) of a.5 reads \\ as one unit too, so "x\\" closes
                if (next == '"' || (next == '\\' && !upstream)) {
                    i++;
                }
            }
        }
        return -1;
    }

    private static MessageParseException invalidName(String text, byte[] bytes, int start, int nameStart, int end) {
        int equal = indexOf(text, bytes, '=', nameStart, end);
        String name = string(text, bytes, nameStart, equal < 0 ? end : equal);
        return error(
                INVALID_PARAM_NAME,
                "invalid parameter name \"" + excerpt(name)
                        + "\" (a name is made of a-z, A-Z, 0-9 and _, and does not start with a digit)",
                text,
                bytes,
                start,
                nameStart);
    }

    /** The error at {@code at}, reported as a character index in the trimmed line. */
    private static MessageParseException error(
            ParseError category, String reason, String text, byte[] bytes, int start, int at) {
        int column = bytes == null ? at - start : new String(bytes, start, at - start, StandardCharsets.UTF_8).length();
        return new MessageParseException(category, reason, column);
    }

    /** Keeps error texts short whatever the line holds. */
    private static String excerpt(String name) {
        return name.length() <= 40 ? name : name.substring(0, 40) + "...";
    }

    /** The character (or byte, as an unsigned value) at {@code index}. */
    private static int at(String text, byte[] bytes, int index) {
        return bytes == null ? text.charAt(index) : bytes[index] & 0xFF;
    }

    /** The first index of the ASCII character {@code c} in [from, to), or -1. */
    private static int indexOf(String text, byte[] bytes, char c, int from, int to) {
        if (bytes == null) {
            int index = text.indexOf(c, from);
            return index < to ? index : -1;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String string(String text, byte[] bytes, int from, int to) {
        if (bytes == null) {
            return text.substring(from, to);
        }
        return from == to ? "" : new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static boolean isNameCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** ASCII white space as C's isspace sees it: not {@link String#trim()}, not {@link String#strip()}. */
    static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
