package org.eventdispatcher.protocol.message;

/**
 * A line that is not a message. {@link #getMessage()} reads {@code CATEGORY: reason}, the text an
 * {@code INVALID} reply carries in its {@code message} parameter (PROTOCOL.md b.2).
 */
public class MessageParseException extends Exception {

    private final ParseError category;
    private final String reason;
    private final int position;

    /**
     * @param position zero-based index in the trimmed line where the problem is, or -1 when no
     *                 single place is to blame
     */
    public MessageParseException(ParseError category, String reason, int position) {
        super(
                category + ": " + reason + (position >= 0 ? " (at column " + (position + 1) + ")" : ""),
                null,
                false,
                false);
        this.category = category;
        this.reason = reason;
        this.position = position;
    }

    public ParseError category() {
        return category;
    }

    /** The explanation alone, without category or position. */
    public String reason() {
        return reason;
    }

    /** Zero-based index in the trimmed line, or -1. */
    public int position() {
        return position;
    }
}
