package org.eventdispatcher.protocol.message;

/**
 * A message cannot be built as asked: a name breaks the rules of PROTOCOL.md a.2, a required
 * parameter is missing, or a parameter does not hold the type asked for.
 */
public class InvalidMessageException extends IllegalArgumentException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
