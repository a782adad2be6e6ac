package org.eventdispatcher.signal;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.protocol.contract.DefinitionException;
import org.eventdispatcher.protocol.contract.DefinitionFile;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.contract.MessageDefinitions.Source;

/**
 * {@code signal-cli --verify-definitions DIR...}, upstream's {@code verify-message-definitions}:
 * reads every {@code *.conf} of every directory given (each file, not only the one a daemon would
 * take for its command: a file hidden today by an earlier directory is found broken before it is
 * moved), names each broken one on stderr as {@code file:line: problem}, and says on stdout how
 * many were read. Sends nothing.
 */
final class DefinitionsCheck {

    private final PrintWriter out;
    private final PrintWriter err;

    DefinitionsCheck(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** @throws SignalException {@link ExitCode#BROKEN_DEFINITIONS} when any file is broken */
    void run(List<String> directories, SignalRequest request) throws SignalException {
        if (request.message() != null || request.positionalMessage() != null) {
            throw new SignalException(
                    ExitCode.USAGE, "--verify-definitions sends nothing: give it directories, and no message");
        }
        List<Source> files = new ArrayList<>();
        for (String directory : directories) {
            files.addAll(filesOf(Path.of(directory)));
        }
        int broken = 0;
        for (Source file : files) {
            String problem = problem(file);
            if (problem != null) {
                err.println(problem);
                broken++;
            }
        }
        err.flush();
        out.println(
                files.size() + " definition file" + (files.size() == 1 ? "" : "s") + " read, " + broken + " broken");
        out.flush();
        if (broken > 0) {
            throw new SignalException(
                    ExitCode.BROKEN_DEFINITIONS, broken + " of " + files.size() + " definition files broken");
        }
    }

    private static List<Source> filesOf(Path path) throws SignalException {
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(DefinitionFile.SUFFIX)) {
            return List.of(Source.of(path));
        }
        if (!Files.isDirectory(path)) {
            throw new SignalException(
                    ExitCode.USAGE, "--verify-definitions: " + path + " is neither a directory nor a .conf file");
        }
        try {
            return MessageDefinitions.filesIn(path);
        } catch (DefinitionException e) {
            throw new SignalException(ExitCode.USAGE, "--verify-definitions: " + e.getMessage());
        }
    }

    /** {@code file:line: problem}, or null when the file reads as a definition. */
    private static String problem(Source file) {
        try {
            file.read();
            return null;
        } catch (DefinitionException e) {
            return e.getMessage();
        }
    }
}
