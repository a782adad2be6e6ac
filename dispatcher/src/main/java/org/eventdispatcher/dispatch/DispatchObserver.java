package org.eventdispatcher.dispatch;

import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageParseException;

/** Told of what the dispatcher does: the seam for metrics and connection statistics. */
public interface DispatchObserver {

    default void received(Message message, Peer from) {
    }

    default void invalid(MessageParseException error, Peer from) {
    }

    default void unknown(Message message, Peer from) {
    }

    default void handled(Message message, Peer from, long nanos) {
    }

    default void sent(Message message, Peer to) {
    }

    /** A command that stops the daemon was refused by the stop rule. */
    default void stopRefused(Message message, Peer from) {
    }
}
