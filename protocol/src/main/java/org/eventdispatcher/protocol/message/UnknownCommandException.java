package org.eventdispatcher.protocol.message;

/**
 * Thrown by a handler that finds the message is not one it takes after all, although its command
 * is: the daemon answers {@code UNKNOWN command=<CMD>} as if no handler took the command. The
 * built-in {@code LOG} handler throws it for a log record (a {@code LOG} with a {@code message}),
 * which is not a request to reopen the logs.
 */
public class UnknownCommandException extends RuntimeException {

    public UnknownCommandException(String reason) {
        super(reason, null, false, false); // a reply, not a failure: no stack trace to fill
    }
}
