package org.eventdispatcher.protocol.message;

import static org.eventdispatcher.protocol.message.ParseError.INVALID_JSON;
import static org.eventdispatcher.protocol.message.ParseError.MISSING_COMMAND;
import static org.eventdispatcher.protocol.message.ParseError.TOO_MANY_PARAMETERS;

/**
 * Reads the JSON form (PROTOCOL.md a.6) with upstream's own rules, which are not quite JSON's:
 * raw U+0001..U+001F are allowed in strings, a raw CR or CR LF reads as one LF, only the five
 * message fields and {@code parameters} mean something, and string parameter values are decoded
 * a second time. One reader per line; the JSON form is not on any hot path. At most
 * {@code maxParameters} parameters are read, all {@code parameters} objects together.
 */
final class JsonReader {

    private final String json;
    private final int maxParameters;
    private int pos;
    private int parameterCount;

    private String sentFromServer = "";
    private String sentFromService = "";
    private String server = "";
    private String service = "";
    private String command = "";
    private ParameterMap parameters;

    private JsonReader(String json, int maxParameters) {
        this.json = json;
        this.maxParameters = maxParameters;
    }

    /**
     * {@code json} is a trimmed line starting with '{'. A message needs a command: upstream
     * accepts a JSON message without one [QUIRK], but a {@link Message} always has a command, so
     * both compatibilities reject it with {@link ParseError#MISSING_COMMAND}.
     */
    static Message parse(String json, int maxParameters) throws MessageParseException {
        return new JsonReader(json, maxParameters).message();
    }

    private Message message() throws MessageParseException {
        int nul = json.indexOf('\0');
        if (nul >= 0) {
            throw error("a raw NUL character", nul);
        }
        expect('{', "'{'");
        skipWhitespace();
        if (peek() == '}') {
            throw error("an empty object {} holds no message", pos);
        }
        do {
            skipWhitespace();
            String name = readName("a field name");
            readField(name);
            skipWhitespace();
        } while (skip(','));
        expect('}', "',' or '}'");
        skipWhitespace();
        if (pos < json.length()) {
            throw error("text after the closing '}'", pos);
        }
        if (command.isEmpty()) {
            throw new MessageParseException(MISSING_COMMAND, "the JSON message has no \"command\"", -1);
        }
        return new Message(
                sentFromServer,
                sentFromService,
                server,
                service,
                command,
                parameters == null ? ParameterMap.EMPTY : parameters.compact());
    }

    private void readField(String name) throws MessageParseException {
        char c = peek();
        if (c == '"') {
            String value = readString();
            switch (name) {
                case "sent-from-server" -> sentFromServer = value;
                case "sent-from-service" -> sentFromService = value;
                case "server" -> server = value;
                case "service" -> service = value;
                case "command" -> command = value;
                default -> {
                    // any other field, "parameters" included, is ignored when it holds a string
                }
            }
        } else if (c == '{' && name.equals("parameters")) {
            readParameters();
        } else if (c == '{') {
            throw error("field \"" + name + "\" holds an object; only \"parameters\" may", pos);
        } else {
            throw error(
                    "field \"" + name + "\" must hold a string" + (name.equals("parameters") ? " or an object" : ""),
                    pos);
        }
    }

    /** Parameters of a later object replace the same names of an earlier one; the others stay. */
    private void readParameters() throws MessageParseException {
        expect('{', "'{'");
        skipWhitespace();
        if (skip('}')) {
            return; // "parameters":{} adds nothing
        }
        if (parameters == null) {
            parameters = ParameterMap.withCapacity(4);
        }
        do {
            skipWhitespace();
            if (++parameterCount > maxParameters) {
                // every "parameters" object counts: merging them must not lift the cap
                throw new MessageParseException(
                        TOO_MANY_PARAMETERS, "more than " + maxParameters + " parameters in one message", pos);
            }
            String name = readName("a parameter name");
            parameters.add(name, readParameterValue(name));
            skipWhitespace();
        } while (skip(','));
        expect('}', "',' or '}' in \"parameters\"");
    }

    private String readParameterValue(String name) throws MessageParseException {
        char c = peek();
        if (c == '"') {
            return ValueEscapes.decode(readString(), true); // the second decoding [QUIRK]
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return readNumber();
        }
        if (c == 't' || c == 'f' || c == 'n') {
            String literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
            if (!json.startsWith(literal, pos)) {
                throw error("unknown word in the value of parameter \"" + name + "\"", pos);
            }
            pos += literal.length();
            return c == 'n' ? "" : literal;
        }
        if (c == '[' || c == '{') {
            throw error(
                    "parameter \"" + name + "\" holds an " + (c == '[' ? "array" : "object")
                            + "; a value is a string, a number, true, false or null",
                    pos);
        }
        throw error("expected the value of parameter \"" + name + "\"", pos);
    }

    private String readNumber() throws MessageParseException {
        int end = JsonNumbers.end(json, pos);
        if (end < 0) {
            throw error("malformed number", -end - 1);
        }
        double value = JsonNumbers.value(json, pos, end);
        if (Double.isInfinite(value)) {
            throw error("number out of range", pos);
        }
        pos = end;
        return JsonNumbers.format(value);
    }

    /** A name, then the ':' after it. */
    private String readName(String what) throws MessageParseException {
        if (peek() == '}') {
            throw error("a trailing ',' before '}'", pos);
        }
        if (peek() != '"') {
            throw error("expected " + what + " in quotes", pos);
        }
        String name = readString();
        skipWhitespace();
        expect(':', "':' after \"" + name + "\"");
        skipWhitespace();
        return name;
    }

    private String readString() throws MessageParseException {
        int open = pos++;
        for (int i = pos; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return json.substring(open + 1, i);
            }
            if (c == '\\' || c == '\r') {
                break;
            }
        }
        StringBuilder out = new StringBuilder();
        while (pos < json.length()) {
            char c = json.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                readEscape(out);
            } else if (c == '\r') {
                out.append('\n');
                skip('\n');
            } else {
                out.append(c); // raw U+0001..U+001F included
            }
        }
        throw error("a string without its closing quote", open);
    }

    private void readEscape(StringBuilder out) throws MessageParseException {
        int backslash = pos - 1;
        char c = pos < json.length() ? json.charAt(pos++) : 0;
        switch (c) {
            case '"', '\\', '/' -> out.append(c);
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'u' -> {
                char unit = readHex4(backslash);
                if (Character.isLowSurrogate(unit)) {
                    throw error("a low surrogate \\u" + hex(unit) + " without a high one before it", backslash);
                }
                out.append(unit);
                if (Character.isHighSurrogate(unit)) {
                    if (!json.startsWith("\\u", pos)) {
                        throw error("a high surrogate must be followed at once by a \\u low surrogate", backslash);
                    }
                    pos += 2;
                    char low = readHex4(pos - 2);
                    if (!Character.isLowSurrogate(low)) {
                        throw error("a high surrogate must be followed at once by a \\u low surrogate", backslash);
                    }
                    out.append(low);
                }
            }
            default -> throw error("invalid escape in a string", backslash);
        }
    }

    private char readHex4(int escape) throws MessageParseException {
        if (pos + 4 > json.length()) {
            throw error("\\u needs four hexadecimal digits", escape);
        }
        int unit = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexValue(json.charAt(pos + i));
            if (digit < 0) {
                throw error("\\u needs four hexadecimal digits", escape);
            }
            unit = unit * 16 + digit;
        }
        pos += 4;
        return (char) unit;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static String hex(char unit) {
        return String.format("%04X", (int) unit);
    }

    private void skipWhitespace() {
        while (pos < json.length()) {
            char c = json.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < json.length() ? json.charAt(pos) : 0;
    }

    private boolean skip(char c) {
        if (peek() == c && pos < json.length()) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c, String what) throws MessageParseException {
        if (!skip(c)) {
            throw error(pos < json.length() ? "expected " + what : "the line ends where " + what + " is expected", pos);
        }
    }

    private MessageParseException error(String reason, int at) {
        return new MessageParseException(INVALID_JSON, reason, at);
    }
}
