package org.eventdispatcher.dispatch;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eventdispatcher.protocol.message.Message;

/** A peer that keeps what it is sent, in order, and reports each kind of problem once, as a connection does. */
final class RecordingPeer implements Peer {

    final List<String> sent = new CopyOnWriteArrayList<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final boolean canReply;
    boolean closed;

    RecordingPeer() {
        this(true);
    }

    RecordingPeer(boolean canReply) {
        this.canReply = canReply;
    }

    @Override
    public String id() {
        return "test-1";
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
        sent.add(message.toString());
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
