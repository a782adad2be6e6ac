package org.eventdispatcher.protocol.message;

/**
 * The name rules of PROTOCOL.md a.2, enforced by {@link Message.Builder}. The parser is more
 * lenient (it checks parameter names only), as upstream is.
 */
public final class MessageNames {

    private MessageNames() {}

    /** {@code A-Z 0-9 _}, not empty, not starting with a digit. */
    public static boolean isValidCommand(String name) {
        return isName(name, false, false);
    }

    /** {@code a-z A-Z 0-9 _}, not empty, not starting with a digit. */
    public static boolean isValidParameterName(String name) {
        return isName(name, true, false);
    }

    /** {@code a-z A-Z 0-9 _}, may be empty, or one of the special values {@code . * ?}. */
    public static boolean isValidDestination(String name) {
        return name.isEmpty() || name.equals(".") || name.equals("*") || name.equals("?") || isName(name, true, false);
    }

    /** {@code a-z A-Z 0-9 _}, may be empty. */
    public static boolean isValidSentFrom(String name) {
        return name.isEmpty() || isName(name, true, false);
    }

    static String requireCommand(String name) {
        if (name == null || !isValidCommand(name)) {
            throw new InvalidMessageException("invalid command " + quote(name)
                    + ": a command is made of A-Z, 0-9 and _, and does not start with a digit");
        }
        return name;
    }

    static String requireParameterName(String name) {
        if (name == null || !isValidParameterName(name)) {
            throw new InvalidMessageException("invalid parameter name " + quote(name)
                    + ": a parameter name is made of a-z, A-Z, 0-9 and _, and does not start with a digit");
        }
        return name;
    }

    static String requireDestination(String role, String name) {
        if (name == null || !isValidDestination(name)) {
            throw new InvalidMessageException("invalid " + role + " name " + quote(name)
                    + ": use a-z, A-Z, 0-9 and _ (not starting with a digit), or one of . * ?");
        }
        return name;
    }

    static String requireSentFrom(String role, String name) {
        if (name == null || !isValidSentFrom(name)) {
            throw new InvalidMessageException("invalid " + role + " name " + quote(name)
                    + ": use a-z, A-Z, 0-9 and _, not starting with a digit");
        }
        return name;
    }

    private static boolean isName(String name, boolean lowercase, boolean allowEmpty) {
        if (name == null) {
            return false;
        }
        int length = name.length();
        if (length == 0) {
            return allowEmpty;
        }
        if (isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_' || (lowercase && c >= 'a' && c <= 'z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String quote(String name) {
        return name == null ? "null" : '"' + name + '"';
    }
}
