package org.eventdispatcher.signal;

import java.time.Duration;
import java.util.List;

/**
 * What the user asked for, as typed: {@link SignalOptions} reads it off the command line,
 * {@link SignalCommand} checks and carries it out.
 *
 * @param address           {@code host[:port]} or {@code unix:/path}
 * @param type              {@code tcp}, {@code udp} or {@code amqp}
 * @param message           the {@code --message} value, or null
 * @param positionalMessage the message given as argument, or null
 * @param parameters        the {@code --param} values, in order
 * @param secret            the {@code --secret} value, or null
 * @param toServer          the {@code --to-server} value, or null
 * @param toService         the {@code --to-service} value, or null
 * @param replyTimeout      how long {@code --reply} waits, or null without {@code --reply}
 * @param trace             whether {@code --trace} was given
 * @param tls               {@code --encrypt}, {@code --ca}, {@code --cert}, {@code --key}
 * @param broker            the {@code --broker} URI, for {@code --type amqp}
 * @param exchange          the {@code --exchange}, for {@code --type amqp}
 * @param addressGiven      whether {@code --server} was given (not its default)
 * @param brokerGiven       whether {@code --broker} or {@code --exchange} was given
 */
record SignalRequest(
        String address,
        String type,
        String message,
        String positionalMessage,
        List<String> parameters,
        String secret,
        String toServer,
        String toService,
        Duration replyTimeout,
        boolean trace,
        TlsSettings tls,
        String broker,
        String exchange,
        boolean addressGiven,
        boolean brokerGiven) {

    SignalRequest {
        parameters = List.copyOf(parameters);
    }
}
