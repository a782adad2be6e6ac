package org.eventdispatcher.protocol.message;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers in the JSON form (PROTOCOL.md a.6): the grammar {@code -? (0 | [1-9][0-9]*) (. digit+)?
 * ([eE] [+-]? digit+)?}, upstream's digit-by-digit computation of the value in double precision,
 * and the text a parameter gets from it.
 */
final class JsonNumbers {

    /** Exponents beyond this make every non-zero value overflow or underflow already. */
    private static final int EXPONENT_LIMIT = 100_000;

    private JsonNumbers() {}

    /**
     * Where the number starting at {@code from} ends, or {@code -(index of the offending character) - 1}
     * when the text there breaks the grammar.
     */
    static int end(CharSequence text, int from) {
        int length = text.length();
        int pos = from;
        if (pos < length && text.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= length || !isDigit(text.charAt(pos))) {
            return -pos - 1;
        }
        if (text.charAt(pos) == '0') {
            pos++; // a leading zero stands alone: 01 is not a number
        } else {
            pos = digits(text, pos);
        }
        if (pos < length && text.charAt(pos) == '.') {
            pos++;
            if (pos >= length || !isDigit(text.charAt(pos))) {
                return -pos - 1;
            }
            pos = digits(text, pos);
        }
        if (pos < length && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < length && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= length || !isDigit(text.charAt(pos))) {
                return -pos - 1;
            }
            pos = digits(text, pos);
        }
        return pos;
    }

    /** True when {@code value} is a number of the grammar, optionally led by a {@code +}. */
    static boolean isNumber(String value) {
        int from = value.startsWith("+") ? 1 : 0;
        if (from == 1 && value.startsWith("-", 1)) {
            return false;
        }
        return !value.isEmpty() && end(value, from) == value.length();
    }

    /**
     * The value of the number in {@code text[from, to)}, which {@link #end} accepted, computed as
     * upstream does: integer part times ten plus each digit, each fraction digit times a factor
     * that starts at 0.1 and is multiplied by 0.1 per digit, then times ten to the exponent. So
     * {@code 0.3e1} is 3.0000000000000004, not 3.
     */
    static double value(CharSequence text, int from, int to) {
        int pos = from;
        boolean negative = text.charAt(pos) == '-';
        if (negative) {
            pos++;
        }
        double value = 0;
        for (; pos < to && isDigit(text.charAt(pos)); pos++) {
            value = value * 10 + (text.charAt(pos) - '0');
        }
        if (pos < to && text.charAt(pos) == '.') {
            double factor = 0.1;
            for (pos++; pos < to && isDigit(text.charAt(pos)); pos++) {
                value += (text.charAt(pos) - '0') * factor;
                factor *= 0.1;
            }
        }
        if (pos < to) { // the exponent
            pos++;
            boolean negativeExponent = text.charAt(pos) == '-';
            if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
                pos++;
            }
            int exponent = 0;
            for (; pos < to; pos++) {
                exponent = Math.min(EXPONENT_LIMIT, exponent * 10 + (text.charAt(pos) - '0'));
            }
            if (value != 0) { // 0e999 is 0, not 0 × infinity
                value *= Math.pow(10, negativeExponent ? -exponent : exponent);
            }
        }
        return negative ? -value : value;
    }

    /**
     * The parameter text of a number: an integral value as a plain integer ({@code 1e3} → {@code 1000},
     * {@code -0} → {@code 0}), anything else as C's {@code %f} would print it ({@code 3.5} →
     * {@code 3.500000}): six decimals, rounded half-even from the exact binary value as glibc does,
     * which Java's own {@code %f} does not (it rounds the shortest decimal form).
     * Upstream converts integral values to int64; beyond that range (where the C++ conversion is
     * undefined) this writes the exact integer the double holds.
     */
    static String format(double value) {
        if (value == Math.rint(value)) {
            if (Math.abs(value) < 0x1p63) {
                return Long.toString((long) value);
            }
            return new BigDecimal(value).toPlainString();
        }
        String text = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        // BigDecimal has no negative zero; printf writes -0.000000 for a small negative value
        return value < 0 && text.charAt(0) != '-' ? "-" + text : text;
    }

    private static int digits(CharSequence text, int from) {
        int pos = from;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
