package org.eventdispatcher.protocol.contract;

import java.util.Locale;
import org.eventdispatcher.protocol.message.Timespec;
import org.eventdispatcher.protocol.transport.HostPort;

/**
 * What a parameter's value must be. The first four are upstream's ({@code type =} in a definition
 * file); the last two exist only for handler parameters declared in code ({@code int},
 * {@code boolean}), which no definition file can name.
 */
public enum ParameterType {
    /** Anything: {@code type = string} or {@code type = default}, and no {@code type} line. */
    STRING("string", "a string"),
    /** A signed 64-bit decimal integer. */
    INTEGER("integer", "an integer"),
    /** An IP address with an optional port, never a host name ({@link HostPort#parseAddress}). */
    ADDRESS("address", "an IP address"),
    /** {@code seconds[.fraction]} ({@link Timespec}). */
    TIMESPEC("timespec", "a timespec (seconds[.fraction])"),
    /** A signed 32-bit decimal integer (a handler's {@code int}). */
    INT32(null, "a 32-bit integer"),
    /** {@code true/false}, {@code yes/no} or {@code 1/0}, in any case (a handler's {@code boolean}). */
    BOOLEAN(null, "a boolean (true/false/yes/no/1/0)");

    private final String fileName;
    private final String description;

    ParameterType(String fileName, String description) {
        this.fileName = fileName;
        this.description = description;
    }

    /**
     * The type a definition file names, as upstream reads it: exact, lower case.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ParameterType ofFileName(String name) {
        if (name.equals("default")) {
            return STRING;
        }
        for (ParameterType type : values()) {
            if (name.equals(type.fileName)) {
                return type;
            }
        }
        throw new IllegalArgumentException(
                "parameter type \"" + name + "\" is not one of string, default, integer, address, timespec");
    }

    /** What the value must be, for a violation's text: "an integer". */
    public String description() {
        return description;
    }

    /** Whether a non-empty value is of this type. */
    public boolean accepts(String value) {
        // comparisons, not a switch: a contract's rules take turns among the types, and the switch's
        // jump through a table cost a third of the check (BENCHMARKS.md, "Message contracts")
        if (this == STRING) {
            return true;
        }
        if (this == INTEGER) {
            return isInteger(value, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (this == TIMESPEC) {
            return Timespec.isTimespec(value);
        }
        if (this == ADDRESS) {
            return HostPort.isAddress(value);
        }
        if (this == INT32) {
            return isInteger(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return booleanOf(value) != null;
    }

    /**
     * Whether a handler's parameter of this type keeps a definition file's promise of type
     * {@code declared}: the same type, or a narrower one ({@code int} for {@code integer}, anything
     * for {@code string}).
     */
    public boolean keeps(ParameterType declared) {
        return this == declared || declared == STRING || (this == INT32 && declared == INTEGER);
    }

    /**
     * A sign and ASCII digits ({@code Long.parseLong} also takes other scripts' digits, upstream
     * does not), in one pass: this runs on every message that carries an integer parameter.
     */
    private static boolean isInteger(String value, long min, long max) {
        int length = value.length();
        int i = length > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
        boolean negative = i == 1 && value.charAt(0) == '-';
        if (i == length) {
            return false;
        }
        long number = 0; // counted below zero, where Long.MIN_VALUE fits; no division per digit
        for (; i < length; i++) {
            int digit = value.charAt(i) - '0';
            if (digit < 0 || digit > 9 || number < Long.MIN_VALUE / 10) {
                return false;
            }
            number *= 10;
            if (number < Long.MIN_VALUE + digit) {
                return false;
            }
            number -= digit;
        }
        if (!negative && number == Long.MIN_VALUE) {
            return false;
        }
        long result = negative ? number : -number;
        return result >= min && result <= max;
    }

    /**
     * A {@link #BOOLEAN} value: {@code true/yes/1} or {@code false/no/0}, in any case; null for
     * anything else.
     */
    public static Boolean booleanOf(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> Boolean.TRUE;
            case "false", "no", "0" -> Boolean.FALSE;
            default -> null;
        };
    }
}
