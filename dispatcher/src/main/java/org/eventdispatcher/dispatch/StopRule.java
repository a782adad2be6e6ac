package org.eventdispatcher.dispatch;

import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;

/** Who may stop the daemon: checked before every {@link StopsDaemon} handler. */
@FunctionalInterface
public interface StopRule {

    /** Everyone: for a dispatcher made without a rule (tests, tools). */
    StopRule ANYONE = (message, from) -> null;

    /** Why {@code message} from {@code from} may not stop the daemon; null when it may. Never shows a secret. */
    @Nullable String refusal(Message message, Peer from);
}
