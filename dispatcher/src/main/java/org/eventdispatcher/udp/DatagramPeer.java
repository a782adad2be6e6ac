package org.eventdispatcher.udp;

import java.net.InetAddress;
import java.util.Optional;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;

/**
 * The sender of one UDP datagram. There is no way back (PROTOCOL.md d, g.8): the dispatcher logs
 * and drops any reply. Each datagram is a peer of its own (g.11), so reports are throttled per
 * problem across all of them.
 */
final class DatagramPeer implements Peer {

    private final String address;
    private final Optional<InetAddress> remoteAddress;
    private final ReportThrottle reports;

    DatagramPeer(String address, Optional<InetAddress> remoteAddress, ReportThrottle reports) {
        this.address = address;
        this.remoteAddress = remoteAddress;
        this.reports = reports;
    }

    /**
     * The datagram's source address: anyone can forge it, so a stop over UDP needs the listener's
     * secret besides (dispatch.builtin.DatagramCommands), whatever address it claims.
     */
    @Override
    public Optional<InetAddress> remoteAddress() {
        return remoteAddress;
    }

    @Override
    public String id() {
        return "udp:" + address;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public boolean canReply() {
        return false;
    }

    @Override
    public void send(Message message) {
        // never called: the dispatcher checks canReply() first
    }

    @Override
    public void close() {}

    @Override
    public boolean firstReport(String problem) {
        return reports.firstReport(problem);
    }

    @Override
    public String toString() {
        return id();
    }
}
