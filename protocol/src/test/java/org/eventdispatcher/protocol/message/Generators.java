package org.eventdispatcher.protocol.message;

import java.util.SplittableRandom;

/** Random inputs for the round-trip properties, built from pieces that stress the codec. */
final class Generators {

    /** What parameter values are made of: every character the text form escapes or trims, and non-ASCII text. */
    private static final String[] VALUE_PIECES = {
        "a", "Z", "0", "42", " ", "  ", "\t", "=", ";", "\"", "\\", "\n", "\r", "\r\n", "é", "中文", "😀", "\uE000",
        "\uFFFD", "\u0001", "\u000B", "\f", "n", "r", "\\n", "x;y", "{", "<", ":", "/", "-1.5", "true"
    };

    /** What lines are made of for the parse-side properties: the text form's punctuation, names, values, NUL. */
    private static final String[] LINE_PIECES = {
        "<", ":", "/", " ", " ", "=", "=", ";", "\"", "\\", "a", "b", "B", "CMD", "srv", "_", "1", "x", "\t", "é", "😀",
        "n", "r", "\u0001", "\u000B", "\0", "{", "a=1", ";b=", " c=\"", "\\\""
    };

    /** Anything at all, for the JSON form, whose strings hold any character. */
    private static final String[] ANY_PIECES = {
        "a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f", "\0", "\u0001", "\u001F", "\u007F", "é", "中",
        "😀", "\uE000", "\uFFFF", "{", "}", "[", ":", ",", "\\u0041", "-", "1", "e", ".", "true", "null"
    };

    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String DIGITS = "0123456789";

    private Generators() {}

    /** A valid message (every name follows PROTOCOL.md a.2; a server only with a service, so it round-trips). */
    static Message message(SplittableRandom random) {
        Message.Builder builder = Message.builder(name(random, UPPER + "_", UPPER + DIGITS + "_"));
        if (random.nextInt(3) == 0) {
            builder.sentFrom(optionalName(random), optionalName(random));
        }
        if (random.nextInt(2) == 0) {
            builder.service(destination(random));
            if (random.nextInt(2) == 0) {
                builder.server(destination(random));
            }
        }
        int parameters = random.nextInt(5);
        for (int i = 0; i < parameters; i++) {
            builder.parameter(name(random, LOWER + UPPER + "_", LOWER + UPPER + DIGITS + "_"), value(random));
        }
        return builder.build();
    }

    /** A message whose fields and parameter names are any text, as the JSON form may carry them. */
    static Message anyMessage(SplittableRandom random) {
        ParameterMap parameters = ParameterMap.withCapacity(2);
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            parameters.add(pieces(random, ANY_PIECES, 4), pieces(random, ANY_PIECES, 6));
        }
        String command = pieces(random, ANY_PIECES, 4);
        return new Message(
                pieces(random, ANY_PIECES, 3),
                pieces(random, ANY_PIECES, 3),
                pieces(random, ANY_PIECES, 3),
                pieces(random, ANY_PIECES, 3),
                command.isEmpty() ? "C" : command,
                parameters.compact());
    }

    static String value(SplittableRandom random) {
        return pieces(random, VALUE_PIECES, 8);
    }

    /** A line made of the text form's punctuation and names: most parse, many fail in every way there is. */
    static String line(SplittableRandom random) {
        return pieces(random, LINE_PIECES, 14);
    }

    /** A name of a-z A-Z 0-9 _ or, now and then, one of the special values. */
    private static String destination(SplittableRandom random) {
        return switch (random.nextInt(8)) {
            case 0 -> ".";
            case 1 -> "*";
            case 2 -> "?";
            default -> name(random, LOWER + UPPER + "_", LOWER + UPPER + DIGITS + "_");
        };
    }

    private static String optionalName(SplittableRandom random) {
        return random.nextInt(4) == 0 ? "" : name(random, LOWER + UPPER + "_", LOWER + UPPER + DIGITS + "_");
    }

    private static String name(SplittableRandom random, String first, String rest) {
        StringBuilder name = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
        int length = random.nextInt(6);
        for (int i = 0; i < length; i++) {
            name.append(rest.charAt(random.nextInt(rest.length())));
        }
        return name.toString();
    }

    /** Up to {@code max} pieces, short ones more often than long ones. */
    private static String pieces(SplittableRandom random, String[] pieces, int max) {
        int count = random.nextInt(random.nextInt(max + 1) + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }
}
