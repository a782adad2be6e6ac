package org.eventdispatcher.signal;

import java.io.PrintWriter;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;

/**
 * Carries out one {@link SignalRequest}: checks everything the user typed, then sends (PROTOCOL.md
 * f.3). Nothing touches the network before the address, the options and the message are known
 * to be good.
 */
final class SignalCommand {

    private final MessageCodec codec = MessageCodec.standard();
    private final String senderServer;
    private final PrintWriter out;
    private final Trace trace;

    /**
     * @param senderServer the sent-from server name for messages that do not name their own sender
     * @param out          where the answer to {@code --reply} goes
     */
    SignalCommand(String senderServer, PrintWriter out, Trace trace) {
        this.senderServer = senderServer;
        this.out = out;
        this.trace = trace;
    }

    void run(SignalRequest request) throws SignalException {
        DaemonAddress address = DaemonAddress.parse(request.address());
        Transport transport = Transport.parse(request.type());
        if (request.replyTimeout() != null && transport == Transport.UDP) {
            throw new SignalException(
                    ExitCode.USAGE, "--reply works over TCP and amqp only: daemons never answer on UDP");
        }
        if (address.unixPath() != null) {
            requireStream(address, transport, request.tls());
        }
        request.tls().check(transport);
        // an option that does not apply would be ignored: the message would go somewhere else than meant
        if (transport == Transport.AMQP && request.addressGiven()) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "--server is for tcp and udp: over the broker the message names"
                            + " its daemon (e.g. beta:server_service/QUIT), and --broker the broker");
        }
        if (transport != Transport.AMQP && request.brokerGiven()) {
            throw new SignalException(ExitCode.USAGE, "--broker and --exchange go with --type amqp");
        }
        Message message = new MessageComposer(codec, senderServer)
                .compose(
                        messageText(request),
                        request.parameters(),
                        request.secret(),
                        request.toServer(),
                        request.toService());
        if (transport == Transport.AMQP) {
            // its own class: the RabbitMQ client is loaded only on this path
            String answer = new AmqpDelivery(request.broker(), request.exchange(), codec, trace)
                    .send(message, TcpDelivery.CONNECT_TIMEOUT, request.replyTimeout());
            if (answer != null) {
                out.println(answer);
                out.flush();
            }
        } else if (transport == Transport.UDP) {
            UdpDelivery udp = new UdpDelivery(address, codec, trace);
            udp.send(udp.datagram(message));
        } else if (request.replyTimeout() == null) {
            new TcpDelivery(address, request.tls(), codec, trace).send(message);
        } else {
            out.println(new TcpDelivery(address, request.tls(), codec, trace)
                    .sendForReply(message, request.replyTimeout()));
            out.flush();
        }
    }

    /** A Unix socket carries the line protocol of {@code --type tcp}, in the clear: anything else is a usage error. */
    private static void requireStream(DaemonAddress address, Transport transport, TlsSettings tls)
            throws SignalException {
        if (transport != Transport.TCP) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "--server " + address + " is a Unix stream socket: it takes --type tcp (the line protocol), not "
                            + transport);
        }
        if (tls.encrypt()) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "--encrypt works over TCP to a host: " + address
                            + " is a local socket, guarded by its file's owner and mode");
        }
    }

    private static String messageText(SignalRequest request) throws SignalException {
        String option = request.message();
        String argument = request.positionalMessage();
        if (option != null && argument != null) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "two messages given: \"" + option + "\" with --message and \"" + argument
                            + "\" as argument; send one at a time");
        }
        if (option == null && argument == null) {
            throw new SignalException(
                    ExitCode.USAGE, "no message: give it with --message or as the argument," + " e.g. signal-cli QUIT");
        }
        return option != null ? option : argument;
    }
}
