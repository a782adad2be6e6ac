package org.eventdispatcher.protocol.message;

/**
 * The replies that say a message could not be taken (PROTOCOL.md b.1–b.3): built here once, so that
 * every part of a daemon says it the same way. None of them is ever answered ({@link
 * Message#isNeverAnswered()}).
 */
public final class Replies {

    private Replies() {}

    /** {@code UNKNOWN command=<CMD>}: no handler takes this command. */
    public static Message unknown(String command) {
        return Message.builder("UNKNOWN").parameter("command", command).build();
    }

    /** {@code INVALID command=<CMD>;message=<reason>}: the command is known, this message of it is refused. */
    public static Message invalid(String command, String reason) {
        return Message.builder("INVALID")
                .parameter("command", command)
                .parameter("message", reason)
                .build();
    }

    /** {@code INVALID message=<CATEGORY>: <text>}: the line is not a message at all, so no command can be named. */
    public static Message invalidLine(String categoryAndText) {
        return Message.builder("INVALID").parameter("message", categoryAndText).build();
    }
}
