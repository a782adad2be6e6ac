package org.eventdispatcher.signal;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs signal-cli in this JVM, as {@code main} would, with stdout and stderr captured. */
final class SignalCliRunner {

    /** The sent-from server name tests expect: {@code <test_host:signal_cli }. */
    static final String SENDER = "test_host";

    private SignalCliRunner() {}

    static Result run(String... args) {
        SignalCli cli = new SignalCli(SENDER);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exitCode = cli.run(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    record Result(int exitCode, String out, String err) {}
}
