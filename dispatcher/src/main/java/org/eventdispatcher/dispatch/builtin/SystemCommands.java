package org.eventdispatcher.dispatch.builtin;

import java.time.Clock;
import java.time.Instant;
import org.eventdispatcher.dispatch.LifecycleHooks;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.dispatch.StopsDaemon;
import org.eventdispatcher.protocol.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/** The built-in commands every daemon answers (PROTOCOL.md b.3), below the application's own. */
@MessageHandlers(priority = MessageHandlers.SYSTEM)
public class SystemCommands {

    private static final Logger log = LoggerFactory.getLogger(SystemCommands.class);

    /** {@code <seconds>[.<up to 9 digits>]}, as upstream's timespec reads it. */
    private final ObjectProvider<MessageDispatcher> dispatcher;

    private final LifecycleHooks hooks;
    private final Clock clock;

    public SystemCommands(ObjectProvider<MessageDispatcher> dispatcher, LifecycleHooks hooks, Clock clock) {
        this.dispatcher = dispatcher;
        this.hooks = hooks;
        this.clock = clock;
    }

    /** What the peer's listener carries: a listener may carry fewer commands than the daemon has. */
    @OnCommand("HELP")
    Message help(Message request, Peer from) {
        return Message.replyBuilder(request, "COMMANDS")
                .parameter("list", String.join(",", dispatcher.getObject().commands(from)))
                .build();
    }

    @OnCommand("ALIVE")
    Message alive(Message request) {
        Message.Builder reply = Message.replyBuilder(request, "ABSOLUTELY");
        request.parameter("serial").ifPresent(serial -> reply.parameter("serial", serial));
        // a timestamp that is not a timespec never gets here: the library's ALIVE definition refuses it
        request.parameter("timestamp").ifPresent(timestamp -> reply.parameter("timestamp", timestamp));
        Instant now = clock.instant();
        return reply.parameter("reply_timestamp", timespec(now)).build();
    }

    /** seconds.nanoseconds, nine digits after the point; without String.format, which costs more than the rest of the reply. */
    static String timespec(Instant instant) {
        String nanos = Integer.toString(instant.getNano());
        return instant.getEpochSecond() + "." + "000000000".substring(nanos.length()) + nanos;
    }

    /** Logged once per peer: a peer answering every line of ours this way would flood the log (counted in the metrics). */
    @OnCommand("INVALID")
    void invalid(Message message, Peer from) {
        if (from.firstReport("received-INVALID")) {
            log.error(
                    "{} says our message was invalid: {} (the next ones from this peer are counted, not logged)",
                    from.address(),
                    MessageDispatcher.printable(message.toString()));
        }
    }

    /**
     * Logged once per peer, as INVALID. {@code UNKNOWN command=ALIVE} is how a peer without the
     * system commands (an upstream example daemon) answers our heartbeat: the answer itself proves
     * it alive, so that one is not a problem at all.
     */
    @OnCommand("UNKNOWN")
    void unknown(Message message, Peer from) {
        if (message.parameter("command").filter("ALIVE"::equals).isPresent()) {
            log.debug("{} answered our ALIVE with UNKNOWN: alive, without the system commands", from.address());
            return;
        }
        if (from.firstReport("received-UNKNOWN")) {
            log.error(
                    "{} does not know our command: {} (the next ones from this peer are counted, not logged)",
                    from.address(),
                    MessageDispatcher.printable(message.toString()));
        }
    }

    @OnCommand("LEAK")
    void leak(Peer from) {
        Runtime runtime = Runtime.getRuntime();
        log.info(
                "LEAK from {}: heap used {} KiB of {} KiB",
                from.address(),
                (runtime.totalMemory() - runtime.freeMemory()) / 1024,
                runtime.totalMemory() / 1024);
    }

    @OnCommand("STOP")
    @StopsDaemon
    void stop(Peer from) {
        hooks.stop(false, from);
    }

    @OnCommand("QUITTING")
    @StopsDaemon
    void quitting(Peer from) {
        hooks.stop(true, from);
    }

    @OnCommand("READY")
    void ready(Message message, Peer from) {
        hooks.ready(message.parameter("my_address").orElse(""), from);
    }

    @OnCommand("RESTART")
    @StopsDaemon
    void restart(Peer from) {
        hooks.restart(from);
    }

    @OnCommand("SERVICE_UNAVAILABLE")
    void serviceUnavailable() {
        // upstream ignores it: a relay could not reach a service we addressed
    }
}
