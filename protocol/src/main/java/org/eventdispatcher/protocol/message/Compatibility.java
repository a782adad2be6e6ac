package org.eventdispatcher.protocol.message;

/**
 * Which reading of PROTOCOL.md the codec follows.
 *
 * <p>{@link #STANDARD} is this project's decision table: the [EXT] fixes of a.5 (a quoted value
 * ending with {@code \} reads back, and the last value keeps its trailing blanks because it is
 * quoted), and a NUL anywhere in a line rejects it ({@link ParseError#INVALID_CHARACTER}).
 *
 * <p>{@link #UPSTREAM} reproduces the C++ library, quirks included, so that strict upstream
 * behaviour stays testable: the text form ends at the first NUL, and the two lossy cases of a.5
 * stay lossy.
 *
 * <p>Both read the JSON form as upstream does (the decision table says "parse as [UP]"), including
 * the second decoding of string parameter values, with one exception: a JSON message without a
 * command is rejected ({@link ParseError#MISSING_COMMAND}) in both, since a {@link Message}
 * always has a command.
 */
public enum Compatibility {
    STANDARD,
    UPSTREAM
}
