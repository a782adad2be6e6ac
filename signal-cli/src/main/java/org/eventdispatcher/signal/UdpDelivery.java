package org.eventdispatcher.signal;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;

/**
 * Sends the message as one datagram, text form without line terminator (PROTOCOL.md d). UDP has
 * no acknowledgement: success means the datagram left this machine, not that a daemon read it.
 */
final class UdpDelivery {

    /** The daemons' receive buffer; a longer datagram would be cut, so it is refused here. */
    static final int MAX_DATAGRAM_BYTES = 1024;

    private final DaemonAddress address;
    private final MessageCodec codec;
    private final Trace trace;

    UdpDelivery(DaemonAddress address, MessageCodec codec, Trace trace) {
        this.address = address;
        this.codec = codec;
        this.trace = trace;
    }

    /** The datagram's payload; checked before anything touches the network. */
    byte[] datagram(Message message) throws SignalException {
        byte[] payload = codec.write(message).getBytes(StandardCharsets.UTF_8);
        if (payload.length > MAX_DATAGRAM_BYTES) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "the message is " + payload.length + " bytes long; over UDP it must fit in " + MAX_DATAGRAM_BYTES
                            + " bytes (send it over TCP)");
        }
        return payload;
    }

    void send(byte[] payload) throws SignalException {
        InetSocketAddress target = address.resolve();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(payload, payload.length, target));
            trace.step("sent to " + address + " over UDP: " + new String(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SignalException(
                    ExitCode.NOT_DELIVERED, "cannot send to " + address + " over UDP: " + SignalException.reason(e), e);
        }
    }
}
