package org.eventdispatcher.broker.queue;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A daemon whose broker address is taken says so in two lines, not in a stack trace. */
public class BrokerAddressTakenFailureAnalyzer extends AbstractFailureAnalyzer<BrokerAddressTakenException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BrokerAddressTakenException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Stop the other daemon, or start this one with --eventdispatcher.node.server=<name> or"
                        + " --eventdispatcher.node.service=<name>.",
                cause);
    }
}
