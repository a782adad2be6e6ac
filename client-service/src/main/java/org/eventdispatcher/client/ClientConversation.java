package org.eventdispatcher.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.daemon.DaemonExit;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.link.ClientLink;
import org.eventdispatcher.protocol.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private static final Logger log = LoggerFactory.getLogger(ClientConversation.class);

    private final ClientLink link;
    private final DaemonExit exit;
    private final int conversations;
    private final AtomicInteger completed = new AtomicInteger();
    private final ReportThrottle strangers =
            new ReportThrottle(Duration.ofMinutes(1), 1, "from peers other than the server");

    ClientConversation(ClientLink link, DaemonExit exit, ConversationProperties properties) {
        this.link = link;
        this.exit = exit;
        this.conversations = properties.conversations();
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

    /**
     * The conversation is complete: close the connection (no reconnect) and exit 0; or, when more
     * conversations are asked for, hang up and let the link (the permanent connection) come back.
     * Only the server at the other end of the link may say so: a {@code BYE} from anyone else (a
     * datagram, another daemon on the broker) is ignored, and logged a few times a minute at most.
     */
    @OnCommand("BYE")
    void bye(Peer server) {
        if (!link.isServer(server)) {
            if (strangers.firstReport("BYE not from the server")) {
                log.warn(
                        "ignored BYE from {} over {}: only the server this client talks to ends the conversation",
                        server.address(),
                        server.transport());
            }
            return;
        }
        int done = completed.incrementAndGet();
        if (conversations == 0 || done < conversations) {
            log.info("conversation {} complete; starting the next", done);
            server.close();
            return;
        }
        link.finish("BYE from the server");
        exit.exit(0, "BYE from the server");
    }
}
