package org.eventdispatcher.dispatch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.protocol.message.Message;

/**
 * The tests' one stand-in for a peer: a TCP-like one (it can be answered) or a UDP-like one (it
 * cannot). It keeps what it is sent, in order, reports each kind of problem once, as a connection
 * does, and remembers being closed.
 */
public final class FakePeer implements Peer {

    private final List<Message> sent = new CopyOnWriteArrayList<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final String id;
    private final boolean canReply;
    private volatile boolean closed;

    /** A TCP-like peer. */
    public FakePeer() {
        this(true);
    }

    public FakePeer(boolean canReply) {
        this(canReply ? "tcp-1" : "udp:127.0.0.1:40000", canReply);
    }

    /** A peer with this id, e.g. a real connection's, so that the connection registry finds it. */
    public FakePeer(String id, boolean canReply) {
        this.id = id;
        this.canReply = canReply;
    }

    /** The messages sent to it, in order. */
    public List<Message> sent() {
        return List.copyOf(sent);
    }

    /** The messages sent to it as lines, in order. */
    public List<String> sentLines() {
        return sent.stream().map(Message::toString).toList();
    }

    public boolean isClosed() {
        return closed;
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
        closed = true;
    }

    @Override
    public boolean firstReport(String problem) {
        return reported.add(problem);
    }
}
