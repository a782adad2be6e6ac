package org.eventdispatcher.client;

import org.eventdispatcher.connection.PermanentConnection;
import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.protocol.message.Message;

/**
 * The client's half of the conversation (PROTOCOL.md c): the server greets with {@code HI}, and
 * each of its lines has one answer, until {@code BYE} ends it. Anything else from the server is
 * answered by the built-in commands ({@code UNKNOWN}, {@code INVALID}) and changes nothing here.
 *
 * <p>The handlers keep no state: after a reconnect the server starts over with {@code HI}, and so
 * does the conversation.
 */
@MessageHandlers
class ClientConversation {

    private final PermanentConnection connection;
    private final DaemonExit exit;

    ClientConversation(PermanentConnection connection, DaemonExit exit) {
        this.connection = connection;
        this.exit = exit;
    }

    @OnCommand("HI")
    Message hi(Message hi) {
        return Message.reply(hi, "DAD");
    }

    @OnCommand("CLIMB")
    Message climb(Message climb) {
        return Message.reply(climb, "TOP");
    }

    @OnCommand("WHO")
    Message who(Message who) {
        return Message.reply(who, "MOM");
    }

    /** The conversation is complete: close the connection (no reconnect) and exit 0. */
    @OnCommand("BYE")
    void bye() {
        connection.finish("BYE from the server");
        exit.exit(0, "BYE from the server");
    }
}
