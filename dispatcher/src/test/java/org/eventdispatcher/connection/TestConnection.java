package org.eventdispatcher.connection;

import org.eventdispatcher.protocol.message.Message;

/** A connection as a transport would tell it, for the tests of what listens to connections. */
final class TestConnection implements Connection {

    private final String id;
    private final Side side;
    private final String transport;
    private final String address;
    volatile boolean open = true;

    TestConnection(String id, Side side, String transport, String address) {
        this.id = id;
        this.side = side;
        this.transport = transport;
        this.address = address;
    }

    @Override
    public Side side() {
        return side;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public boolean canReply() {
        return true;
    }

    @Override
    public void send(Message message) {}

    @Override
    public void close() {
        open = false;
    }
}
