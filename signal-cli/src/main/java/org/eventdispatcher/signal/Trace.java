package org.eventdispatcher.signal;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What {@code --trace} shows on stderr: each step on the way to the daemon, and the stack trace
 * of a failure. Plain text rather than a logging framework, which would cost more start-up time
 * than the whole send.
 */
final class Trace {

    private final PrintWriter err;
    private final boolean enabled;

    Trace(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    void step(String text) {
        if (enabled) {
            err.println("signal-cli: " + text);
            err.flush();
        }
    }

    void failure(Throwable failure) {
        if (enabled && failure != null) {
            StringWriter stack = new StringWriter();
            failure.printStackTrace(new PrintWriter(stack));
            err.print(stack);
            err.flush();
        }
    }
}
