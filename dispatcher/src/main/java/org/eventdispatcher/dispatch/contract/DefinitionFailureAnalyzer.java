package org.eventdispatcher.dispatch.contract;

import org.eventdispatcher.protocol.contract.DefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A definition file that does not read stops the start: said in two lines, naming the file and line. */
public class DefinitionFailureAnalyzer extends AbstractFailureAnalyzer<DefinitionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DefinitionException cause) {
        return new FailureAnalysis(
                "The message definition " + cause.getMessage(),
                "Fix or remove that file. The directories read are set by --path-to-message-definitions"
                        + " (eventdispatcher.dispatch.message-definitions, DIR[:DIR...]); signal-cli"
                        + " --verify-definitions DIR checks a directory without starting a daemon.",
                cause);
    }
}
