package org.eventdispatcher.tcp.client;

import java.io.EOFException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.eventdispatcher.link.Durations;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/** How the client's log and state word a failure, and a duration. */
final class FailureText {

    static final String SERVER_CLOSED = "the server closed the connection";

    private FailureText() {}

    /** The innermost message of a failure: "Connection refused", not three layers of wrapping. */
    static String describe(Throwable failure) {
        return describe(failure, "the server");
    }

    /** As {@link #describe(Throwable)}, naming the server whose certificate a TLS failure is about. */
    static String describe(Throwable failure, String server) {
        Throwable cause = failure;
        boolean certificate = false;
        boolean tls = false;
        while (true) {
            certificate |= cause instanceof GeneralSecurityException; // certificate, path building, validation
            tls |= cause instanceof SSLException;
            if (cause.getCause() == null || cause.getCause() == cause || cause instanceof SoftEndOfStreamException) {
                break;
            }
            cause = cause.getCause();
        }
        String message = cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
        if (certificate) {
            return "certificate of " + server + " not trusted: " + message;
        }
        if (tls) {
            return "TLS handshake with " + server + " failed: " + message;
        }
        if (cause instanceof SoftEndOfStreamException || cause instanceof EOFException) {
            return SERVER_CLOSED;
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + cause.getMessage();
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    /** Whole milliseconds, in seconds: {@code 0.25s}, {@code 10s}. */
    static String seconds(Duration duration) {
        return Durations.seconds(Duration.ofMillis(duration.toMillis()));
    }
}
