package org.eventdispatcher.protocol.message;

/**
 * Writes the JSON form (PROTOCOL.md a.6) as correct JSON, which upstream's {@code to_json} is not:
 * fields in the order sent-from-server, sent-from-service, server, service, command, parameters;
 * only the non-empty ones, and the server only with a service. Parameter values {@code true} and
 * {@code false} and decimal numbers (a leading {@code +} dropped) go bare, everything else as a
 * string.
 *
 * <p>Readers decode string parameter values a second time ({@code \\ \" \n \r}, a.6 [QUIRK],
 * which this project keeps), so every backslash of such a value is doubled before the JSON
 * escaping: what a reader ends with is the value itself.
 */
final class JsonWriter {

    private JsonWriter() {}

    static String write(Message message) {
        if (message.command().isEmpty()) {
            throw new InvalidMessageException("a message without a command cannot be written");
        }
        StringBuilder out = new StringBuilder(64).append('{');
        field("sent-from-server", message.sentFromServer(), out);
        field("sent-from-service", message.sentFromService(), out);
        if (!message.service().isEmpty()) {
            field("server", message.server(), out);
            field("service", message.service(), out);
        }
        string("command", false, out);
        out.append(':');
        string(message.command(), false, out);
        ParameterMap parameters = message.parameterMap();
        if (!parameters.isEmpty()) {
            out.append(",\"parameters\":{");
            for (int i = 0; i < parameters.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                string(parameters.nameAt(i), false, out);
                out.append(':');
                value(parameters.valueAt(i), out);
            }
            out.append('}');
        }
        return out.append('}').toString();
    }

    private static void field(String name, String value, StringBuilder out) {
        if (!value.isEmpty()) {
            string(name, false, out);
            out.append(':');
            string(value, false, out);
            out.append(',');
        }
    }

    private static void value(String value, StringBuilder out) {
        if (value.equals("true") || value.equals("false")) {
            out.append(value);
        } else if (JsonNumbers.isNumber(value)) {
            out.append(value, value.charAt(0) == '+' ? 1 : 0, value.length());
        } else {
            string(value, true, out);
        }
    }

    private static void string(String text, boolean doubleBackslashes, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append(doubleBackslashes ? "\\\\\\\\" : "\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
