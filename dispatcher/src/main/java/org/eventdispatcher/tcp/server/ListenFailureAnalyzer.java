package org.eventdispatcher.tcp.server;

import java.net.BindException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed listen into a start-up report that names the listener (of several, the one that
 * failed) and how to change it.
 */
class ListenFailureAnalyzer extends AbstractFailureAnalyzer<ListenException> {

    private static final String OPTION =
            "--listen [name=]host:port or [name=]unix:/path, comma-separated (property eventdispatcher.server.listen)";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ListenException cause) {
        boolean taken = cause.getCause() instanceof BindException bind
                && bind.getMessage() != null
                && bind.getMessage().contains("in use");
        String action = taken
                ? "Stop the process that listens on " + cause.address() + ", or choose another address: " + OPTION + "."
                : "Choose an address of this host: " + OPTION + ".";
        return new FailureAnalysis("The server " + cause.getMessage() + ".", action, cause);
    }
}
