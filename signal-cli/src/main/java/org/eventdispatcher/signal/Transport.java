package org.eventdispatcher.signal;

import java.util.Locale;

/** How the message travels: one line on a TCP connection, one UDP datagram, or one message on the broker. */
enum Transport {
    TCP,
    UDP,
    AMQP;

    /** {@code tcp}, {@code udp} or {@code amqp}, in any case. */
    static Transport parse(String text) throws SignalException {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "tcp":
                return TCP;
            case "udp":
                return UDP;
            case "amqp":
                return AMQP;
            default:
                throw new SignalException(ExitCode.USAGE, "invalid --type \"" + text + "\": use tcp, udp or amqp");
        }
    }

    /** As users type it on the command line. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
