package org.eventdispatcher.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a daemon does on the system commands {@code STOP}, {@code QUITTING}, {@code READY} and
 * {@code RESTART} (PROTOCOL.md b.3). The defaults only log a warning, as upstream's do; a daemon
 * that means to act on them declares its own bean.
 */
public interface LifecycleHooks {

    Logger log = LoggerFactory.getLogger(LifecycleHooks.class);

    /** {@code STOP} ({@code quitting=false}) or {@code QUITTING} ({@code quitting=true}). */
    default void stop(boolean quitting, Peer from) {
        log.warn(
                "{} from {} ignored: this daemon does not stop on request",
                quitting ? "QUITTING" : "STOP",
                from.address());
    }

    default void ready(String myAddress, Peer from) {
        log.warn("READY from {} ignored", from.address());
    }

    default void restart(Peer from) {
        log.warn("RESTART from {} ignored: this daemon does not restart on request", from.address());
    }
}
