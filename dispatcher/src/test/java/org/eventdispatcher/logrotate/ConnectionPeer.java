package org.eventdispatcher.logrotate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;

/** Stands for a TCP connection: it can be answered, and remembers its first reports. */
final class ConnectionPeer implements Peer {

    final List<Message> sent = new CopyOnWriteArrayList<>();
    private final List<String> reported = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "tcp-1";
    }

    @Override
    public String address() {
        return "127.0.0.1:45678";
    }

    @Override
    public boolean canReply() {
        return true;
    }

    @Override
    public void send(Message message) {
        sent.add(message);
    }

    @Override
    public void close() {
    }

    @Override
    public boolean firstReport(String problem) {
        if (reported.contains(problem)) {
            return false;
        }
        reported.add(problem);
        return true;
    }
}
