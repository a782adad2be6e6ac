package org.eventdispatcher.daemon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGHUP reloads the daemon ({@link DaemonReload}) instead of ending it, the JVM's default; the
 * systemd units say {@code ExecReload=/bin/kill -HUP $MAINPID}. A daemon started with SIGHUP
 * ignored ({@code nohup}) keeps ignoring it, as the JVM does. The JVM's own handler comes back
 * when the context stops, so a hang-up during the orderly stop still ends the daemon.
 */
public class HangUpSignal implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HangUpSignal.class);

    private static final Signal HUP = new Signal("HUP");

    private final ApplicationEventPublisher events;
    private final boolean ownJvm;
    private volatile SignalHandler previous;

    /** @param ownJvm the daemon has the JVM to itself (not a test's context): only then is the signal taken */
    public HangUpSignal(ApplicationEventPublisher events, boolean ownJvm) {
        this.events = events;
        this.ownJvm = ownJvm;
    }

    @Override
    public void start() {
        if (!ownJvm) {
            return;
        }
        try {
            SignalHandler replaced = Signal.handle(HUP, signal -> hungUp());
            if (replaced == SignalHandler.SIG_IGN) {
                Signal.handle(HUP, SignalHandler.SIG_IGN); // nohup: the operator asked for it to be ignored
                log.info("SIGHUP is ignored (nohup): it will not reload the daemon");
                return;
            }
            previous = replaced;
        } catch (IllegalArgumentException e) {
            log.warn("SIGHUP cannot be handled here ({}): it will not reload the daemon", e.getMessage());
        }
    }

    private void hungUp() {
        log.info("SIGHUP: reloading (log files, SSL bundles)");
        try {
            events.publishEvent(new DaemonReload("SIGHUP"));
        } catch (RuntimeException e) {
            log.error("reloading on SIGHUP failed", e); // the daemon goes on as it was
        }
    }

    @Override
    public void stop() {
        SignalHandler restored = previous;
        previous = null;
        if (restored != null) {
            Signal.handle(HUP, restored);
        }
    }

    @Override
    public boolean isRunning() {
        return previous != null;
    }
}
