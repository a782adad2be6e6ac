package org.eventdispatcher.signal;

/**
 * A failure the user can act on: its message is the one line printed on stderr, its exit code
 * tells scripts what kind of failure it was.
 */
final class SignalException extends Exception {

    private final ExitCode exitCode;

    SignalException(ExitCode exitCode, String message) {
        this(exitCode, message, null);
    }

    SignalException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    ExitCode exitCode() {
        return exitCode;
    }

    /** "Connection refused" becomes "connection refused": the tail of a sentence in a one-line error. */
    static String reason(java.io.IOException e) {
        String text = e.getMessage();
        if (text == null || text.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
