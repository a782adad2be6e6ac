package org.eventdispatcher.signal;

/**
 * What signal-cli's exit status means. Scripts (the logrotate snippet, systemd units) branch on
 * these, so each kind of failure has its own code; the same table is printed by {@code --help}.
 */
public enum ExitCode {
    SENT(0, "the message was sent (with --reply: and the answer printed)"),
    USAGE(1, "bad command line or invalid message; nothing was sent"),
    NOT_DELIVERED(2, "cannot resolve, connect to or send to the daemon"),
    NO_REPLY(3, "--reply: no answer before the timeout, or the daemon closed without one"),
    INTERNAL(4, "unexpected internal error (run with --trace for the stack trace)"),
    BROKEN_DEFINITIONS(5, "--verify-definitions: a message definition file is broken (each named on stderr)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
