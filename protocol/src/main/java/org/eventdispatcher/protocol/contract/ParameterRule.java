package org.eventdispatcher.protocol.contract;

import java.util.Objects;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageNames;

/**
 * What one parameter of a command must be: upstream's {@code message_parameter}, a section of a
 * definition file. Checked in upstream's order, one violation at most per parameter: missing while
 * required; present while forbidden; empty while empty is not allowed (an empty value is not
 * type-checked); not of its type.
 *
 * @param name         the parameter's name as it travels (underscores)
 * @param type         what a non-empty value must be
 * @param required     it must be present
 * @param emptyAllowed an empty value is accepted
 * @param forbidden    it must be absent
 * @param description  documentation only; empty when none
 */
public record ParameterRule(
        String name,
        ParameterType type,
        boolean required,
        boolean emptyAllowed,
        boolean forbidden,
        String description) {

    /** Longest part of a received value repeated in a violation: the reply stays short. */
    static final int QUOTED_VALUE_LENGTH = 40;

    public ParameterRule {
        if (name == null || !MessageNames.isValidParameterName(name)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a parameter name (a-z, A-Z, 0-9 and _)");
        }
        Objects.requireNonNull(type, "type");
        description = description == null ? "" : description;
    }

    /** A section without a {@code flags} line: required, empty allowed (upstream's default). */
    public static ParameterRule ofDefaultFlags(String name, ParameterType type, String description) {
        return new ParameterRule(name, type, true, true, false, description);
    }

    /** What is wrong with this parameter in {@code message}, or null when nothing is. */
    public String violation(Message message) {
        String value = message.parameters().get(name); // no Optional: this runs for every rule of every message
        if (value == null) {
            return required ? "missing required parameter " + name : null;
        }
        if (forbidden) {
            return "forbidden parameter " + name;
        }
        if (value.isEmpty()) {
            return emptyAllowed ? null : "empty parameter " + name;
        }
        if (!type.accepts(value)) {
            return "parameter " + name + " is not " + type.description() + ": \"" + quoted(value) + "\"";
        }
        return null;
    }

    /** The same promise as {@code other}: type, required, empty and forbidden alike. */
    boolean sameFlags(ParameterRule other) {
        return required == other.required && emptyAllowed == other.emptyAllowed && forbidden == other.forbidden;
    }

    /** The flags as a definition file writes them, for messages that compare two rules. */
    String flags() {
        StringBuilder flags = new StringBuilder();
        if (required) {
            flags.append("required");
        }
        if (emptyAllowed) {
            flags.append(flags.isEmpty() ? "" : ",").append("empty");
        }
        if (forbidden) {
            flags.append(flags.isEmpty() ? "" : ",").append("forbidden");
        }
        return flags.isEmpty() ? "optional" : flags.toString();
    }

    private static String quoted(String value) {
        String shown = value.length() <= QUOTED_VALUE_LENGTH ? value : value.substring(0, QUOTED_VALUE_LENGTH) + "...";
        StringBuilder out = new StringBuilder(shown.length());
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append('?'); // a control character would only garble the reply and the logs
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
