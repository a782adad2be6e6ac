package org.eventdispatcher.broker;

import org.springframework.core.NestedExceptionUtils;

/** How the broker transport words a failure in a log line or a health reason: the deepest cause's message. */
final class Failures {

    private Failures() {
    }

    static String mostSpecificMessage(Throwable error) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(error);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }
}
