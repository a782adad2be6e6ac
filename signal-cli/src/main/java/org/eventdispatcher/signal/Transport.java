package org.eventdispatcher.signal;

import java.util.Locale;

/** How the message travels: one line on a TCP connection, or one UDP datagram. */
enum Transport {
    TCP,
    UDP;

    /** {@code tcp} or {@code udp}, in any case. */
    static Transport parse(String text) throws SignalException {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "tcp":
                return TCP;
            case "udp":
                return UDP;
            default:
                throw new SignalException(ExitCode.USAGE, "invalid --type \"" + text + "\": use tcp or udp");
        }
    }

    /** As users type it on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
