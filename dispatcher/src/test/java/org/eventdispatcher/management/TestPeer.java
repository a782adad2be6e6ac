package org.eventdispatcher.management;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;

/** A TCP-like peer (it can be answered) or a UDP-like one (it cannot). */
final class TestPeer implements Peer {

    final List<Message> sent = new CopyOnWriteArrayList<>();
    private final String id;
    private final boolean canReply;

    TestPeer(boolean canReply) {
        this(canReply ? "tcp-1" : "udp:127.0.0.1:40000", canReply);
    }

    /** A peer with this id, e.g. a real connection's, so that the registry finds it. */
    TestPeer(String id, boolean canReply) {
        this.id = id;
        this.canReply = canReply;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String address() {
        return "127.0.0.1:40000";
    }

    @Override
    public boolean canReply() {
        return canReply;
    }

    @Override
    public void send(Message message) {
        sent.add(message);
    }

    @Override
    public void close() {
    }
}
