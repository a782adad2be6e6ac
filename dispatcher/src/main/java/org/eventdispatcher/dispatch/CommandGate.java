package org.eventdispatcher.dispatch;

import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;

/**
 * What a transport lets through to the handlers, asked once a message is read and its handler
 * found, before the stop rule and the handler. The UDP listener has one: a datagram's sender is
 * anyone who can forge a source address, so it reaches only a few commands.
 */
@FunctionalInterface
public interface CommandGate {

    /** Everything through: connections, whose peers the stop rule and the handlers judge. */
    CommandGate OPEN = (message, handler) -> null;

    /**
     * Why {@code message} does not reach its handler; null when it does. Never shows a secret.
     *
     * @param handler what handles the command here; null when nothing does (it is then answered
     *                {@code UNKNOWN} unless refused here)
     */
    @Nullable
    Refusal refusal(Message message, @Nullable HandlerTraits handler);

    /**
     * @param problem a short fixed name for the kind of refusal ({@code secret}, {@code command},
     *                {@code stop}): what reports are throttled by and meters tagged with, never
     *                text from the wire
     * @param reason  what the log says
     * @param level   how loud the log says it (a wrong secret is an error, as PROTOCOL.md d asks)
     */
    record Refusal(String problem, String reason, Level level) {}
}
