package org.eventdispatcher.broker;

import org.springframework.core.NestedExceptionUtils;

/** How the broker transport words a failure in a log line or a health reason: the deepest cause's message. */
public final class Failures {

    private Failures() {}

    public static String mostSpecificMessage(Throwable error) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
