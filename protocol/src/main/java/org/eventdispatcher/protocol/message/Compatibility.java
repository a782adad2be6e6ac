package org.eventdispatcher.protocol.message;

/**
 * Which reading of PROTOCOL.md the codec follows. {@link #STANDARD} is this project's decision
 * table: the [EXT] fixes of a.5, a NUL anywhere rejects the line, a JSON message needs a command.
 * {@link #UPSTREAM} reproduces the C++ library byte for byte, quirks included, so that strict
 * upstream behaviour stays testable.
 */
public enum Compatibility {
    STANDARD,
    UPSTREAM
}
