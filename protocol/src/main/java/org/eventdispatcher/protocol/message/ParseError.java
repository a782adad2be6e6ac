package org.eventdispatcher.protocol.message;

/** Why a line is not a message: the categories of PROTOCOL.md a.4, named as the spec names them. */
public enum ParseError {
    /** The line is empty or holds only ASCII blanks. */
    EMPTY,
    /** The {@code <server:service } prefix is cut short or has a space in the server name. */
    BAD_SENT_FROM,
    /** A misplaced or repeated {@code :} or {@code /}, or an empty server or service before one. */
    BAD_DESTINATION,
    /** No command. */
    MISSING_COMMAND,
    /** A parameter starts with {@code =}. */
    EMPTY_PARAM_NAME,
    /** A parameter name breaks the rule of PROTOCOL.md a.2. */
    INVALID_PARAM_NAME,
    /** A parameter name runs to the end of the line without {@code =}. */
    MISSING_EQUAL,
    /** A quoted value has no closing quote. */
    UNTERMINATED_QUOTE,
    /** Something other than {@code ;} or the end of the line follows a closing quote. */
    MISSING_SEMICOLON,
    /** The JSON form is malformed. */
    INVALID_JSON,
    /** The line holds a NUL character (this project rejects it rather than cutting the line short). */
    INVALID_CHARACTER,
    /**
     * More parameters than the codec reads in one message (this project: 1 000 by default, see
     * {@link MessageCodec#withMaxParameters}), text or JSON form, a name given twice counted twice.
     */
    TOO_MANY_PARAMETERS
}
