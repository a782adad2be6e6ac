package org.eventdispatcher.signal;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of {@code signal-cli}: parses the command line, sends, and exits with an
 * {@link ExitCode}. Every failure is one line on stderr ({@code signal-cli: what failed}); its
 * stack trace only with {@code --trace}.
 *
 * <p>Uses picocli's parse-then-act API rather than {@code CommandLine.execute} and its handler
 * interfaces: the whole run, with the one place where failures become exit codes, reads top to
 * bottom in {@link #run}.
 */
public final class SignalCli {

    private final SignalOptions options = new SignalOptions();
    private final CommandLine commandLine;
    private final String senderServer;

    /** @param senderServer the sent-from server name for messages that do not name their own sender */
    SignalCli(String senderServer) {
        this.senderServer = senderServer;
        this.commandLine = new CommandLine(options.commandSpec(version()));
    }

    public static void main(String[] args) {
        System.exit(new SignalCli(SenderName.localServer()).run(args));
    }

    /** The picocli command line, to redirect its output ({@code setOut}, {@code setErr}). */
    CommandLine commandLine() {
        return commandLine;
    }

    /** Runs once with these arguments and returns the exit code. */
    int run(String... args) {
        PrintWriter err = commandLine.getErr();
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            err.println("signal-cli: " + e.getMessage() + " (see signal-cli --help)");
            err.flush();
            return ExitCode.USAGE.code();
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return ExitCode.SENT.code();
        }
        SignalRequest request = options.read(parsed);
        Trace trace = new Trace(err, request.trace());
        try {
            List<String> definitions = options.definitionsToVerify();
            if (definitions != null) {
                new DefinitionsCheck(commandLine.getOut(), err).run(definitions, request);
            } else {
                new SignalCommand(senderServer, commandLine.getOut(), trace).run(request);
            }
            return ExitCode.SENT.code();
        } catch (SignalException e) {
            return fail(err, trace, e.getMessage(), e, e.exitCode());
        } catch (RuntimeException e) {
            return fail(err, trace, "internal error: " + e, e, ExitCode.INTERNAL);
        }
    }

    private static int fail(PrintWriter err, Trace trace, String message, Exception cause, ExitCode exitCode) {
        err.println("signal-cli: " + message);
        err.flush();
        trace.failure(cause);
        return exitCode.code();
    }

    /** The version the jar's manifest records at packaging time. */
    private static String[] version() {
        String version = SignalCli.class.getPackage().getImplementationVersion();
        return new String[] {
            "signal-cli " + (version == null ? "(development build)" : version),
            // the system properties rather than Runtime.version(), whose parsing costs start-up time
            "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
