package org.eventdispatcher.udp;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says in two lines, instead of a stack trace, why the daemon did not start and what to do. */
public class ListenerBindFailureAnalyzer extends AbstractFailureAnalyzer<ListenerBindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenerBindException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the process that uses udp " + cause.address() + ", or choose another address with"
                        + " --log-rotate-listen (eventdispatcher.log-rotate.listen), or set"
                        + " eventdispatcher.log-rotate.fallback-to-any-port=true to listen on any free port.",
                cause);
    }
}
