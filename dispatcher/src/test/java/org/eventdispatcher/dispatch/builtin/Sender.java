package org.eventdispatcher.dispatch.builtin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;

/** A peer as the stop rule sees it: known by its IP address, its broker address, or its process's credentials. */
record Sender(
        Optional<InetAddress> remoteAddress,
        Optional<BrokerAddress> brokerAddress,
        Optional<Peer.Credentials> credentials)
        implements Peer {

    static Sender unknown() {
        return new Sender(Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Sender fromIp(String ip) throws UnknownHostException {
        return new Sender(Optional.of(InetAddress.getByName(ip)), Optional.empty(), Optional.empty());
    }

    static Sender onBroker(String server, String service) {
        return new Sender(Optional.empty(), Optional.of(new BrokerAddress(server, service)), Optional.empty());
    }

    static Sender process(int uid, int gid) {
        return new Sender(Optional.empty(), Optional.empty(), Optional.of(new Peer.Credentials(uid, gid, 99)));
    }

    @Override
    public String id() {
        return "test";
    }

    @Override
    public String address() {
        return remoteAddress.map(InetAddress::getHostAddress).orElse("?");
    }

    @Override
    public boolean canReply() {
        return true;
    }

    @Override
    public void send(Message message) {}

    @Override
    public void close() {}
}
