package org.eventdispatcher.server;

import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.OnConnect;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.dispatch.StopsDaemon;
import org.eventdispatcher.protocol.message.Message;

/**
 * The server's side of the example conversation (PROTOCOL.md c): HI on connect, then
 * DAD → CLIMB, TOP → WHO, MOM → BYE; QUIT stops the daemon (when {@link StopsDaemon allowed}).
 */
@MessageHandlers
class ServerConversation {

    private final DaemonExit exit;

    ServerConversation(DaemonExit exit) {
        this.exit = exit;
    }

    @OnConnect
    Message hi() {
        return Message.of("HI");
    }

    @OnCommand("DAD")
    Message dad(Message request) {
        return Message.reply(request, "CLIMB");
    }

    @OnCommand("TOP")
    Message top(Message request) {
        return Message.reply(request, "WHO");
    }

    @OnCommand("MOM")
    Message mom(Message request) {
        return Message.reply(request, "BYE");
    }

    /**
     * Closes every connection, stops listening and exits 0 (PROTOCOL.md c, [EXT]); obeyed only as
     * {@code eventdispatcher.daemon.stop.*} allows (loopback by default).
     */
    @OnCommand("QUIT")
    @StopsDaemon
    void quit(Peer from) {
        exit.exit(0, "QUIT from " + from.address());
    }
}
