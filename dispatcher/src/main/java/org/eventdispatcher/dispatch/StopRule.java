package org.eventdispatcher.dispatch;

import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;

/** Who may stop the daemon: checked before every {@link StopsDaemon} handler. */
@FunctionalInterface
public interface StopRule {

    /** Everyone: only where a test or a tool asks for it by name. */
    StopRule ANYONE = (message, from) -> null;

    /**
     * Nobody: what a dispatcher made without a rule obeys, so that a context missing the rule (a
     * daemon assembled by hand, an auto-configuration left out) stops on no one's word.
     */
    StopRule NOBODY = (message, from) -> "no stop rule is configured (eventdispatcher.daemon.stop.*)";

    /** Why {@code message} from {@code from} may not stop the daemon; null when it may. Never shows a secret. */
    @Nullable
    String refusal(Message message, Peer from);
}
