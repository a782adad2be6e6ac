package org.eventdispatcher.dispatch;

import java.util.List;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageParseException;

/**
 * Told of what the dispatcher does: the seam for metrics and connection statistics. Times are
 * {@link System#nanoTime()} values the dispatcher reads anyway, to time the handlers: an observer
 * that needs the time takes it from there, as a clock read costs about a twentieth of a pipelined round trip here.
 */
public interface DispatchObserver {

    /** @param at when the dispatcher took the message */
    default void received(Message message, Peer from, long at) {}

    /** @param at when the dispatcher took the line */
    default void invalid(MessageParseException error, Peer from, long at) {}

    default void unknown(Message message, Peer from) {}

    /**
     * A message that breaks its command's contract; its handler does not run.
     *
     * @param violations each fault, naming its parameter
     */
    default void violated(Message message, Peer from, List<String> violations) {}

    default void handled(Message message, Peer from, long nanos) {}

    /** @param at when the message went to the peer */
    default void sent(Message message, Peer to, long at) {}

    /**
     * A message its transport does not let through ({@link CommandGate}), not a stop command.
     *
     * @param problem the kind of refusal, a fixed name
     * @param handled whether a handler takes its command here (else its command is anyone's text)
     */
    default void refused(Message message, Peer from, String problem, boolean handled) {}

    /** A command that stops the daemon was refused by the stop rule or by its transport's gate. */
    default void stopRefused(Message message, Peer from) {}
}
