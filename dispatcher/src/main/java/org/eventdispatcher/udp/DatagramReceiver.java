package org.eventdispatcher.udp;

import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.dispatch.CommandGate;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.protocol.transport.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * Hands each datagram of the log-rotate listener to the dispatcher as one message from a
 * {@link DatagramPeer}. Each datagram stands alone (PROTOCOL.md g.11): a bad one is logged
 * (throttled) and dropped, and the next is read as if nothing happened. What a datagram may ask is
 * the gate's to say ({@code dispatch.builtin.DatagramCommands}): anyone can forge its source.
 */
public final class DatagramReceiver implements MessageHandler {

    /** Largest datagram read (PROTOCOL.md d: the receive buffer is 1024 bytes). */
    public static final int MAX_DATAGRAM = 1024;

    /**
     * What the socket reads into: one byte more than allowed, so that a datagram too big shows
     * as one that filled the buffer (the rest of it is cut off by the socket, unseen).
     */
    public static final int RECEIVE_BUFFER = MAX_DATAGRAM + 1;

    private static final Logger log = LoggerFactory.getLogger(DatagramReceiver.class);

    private final MessageDispatcher dispatcher;
    private final ReportThrottle reports;
    private final CommandGate gate;

    public DatagramReceiver(MessageDispatcher dispatcher, ReportThrottle reports, CommandGate gate) {
        this.dispatcher = dispatcher;
        this.reports = reports;
        this.gate = gate;
    }

    @Override
    public void handleMessage(Message<?> datagram) {
        DatagramPeer from = new DatagramPeer(
                sender(datagram),
                HostPort.ipLiteral(String.valueOf(datagram.getHeaders().get(IpHeaders.IP_ADDRESS))),
                reports);
        if (!(datagram.getPayload() instanceof byte[] bytes)) {
            return; // the UDP adapter only produces byte[]
        }
        if (bytes.length > MAX_DATAGRAM) {
            if (from.firstReport("datagram-too-big")) {
                log.warn("datagram from {} dropped: longer than {} bytes", from.address(), MAX_DATAGRAM);
            }
            return;
        }
        try {
            dispatcher.receive(bytes, from, gate);
        } catch (RuntimeException e) {
            // the dispatcher answers handler failures itself; this is a safety net for the listener thread
            if (from.firstReport("datagram-failed")) {
                log.error("datagram from {} could not be handled", from.address(), e);
            }
        }
    }

    private static String sender(Message<?> datagram) {
        Object host = datagram.getHeaders().get(IpHeaders.IP_ADDRESS);
        Object port = datagram.getHeaders().get(IpHeaders.PORT);
        String address = String.valueOf(host);
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
