package org.eventdispatcher.management;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eventdispatcher.dispatch.DispatchObserver;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageParseException;

/**
 * Counts what the dispatcher does, as Micrometer meters under {@code eventdispatcher.}.
 *
 * <p>A command read off the wire is whatever the sender wrote, so it becomes a tag value only
 * once a handler took it (the handler table is finite); every unhandled command is counted as
 * {@code other}. Commands sent are this daemon's own, capped all the same.
 */
public class MessageMetrics implements DispatchObserver {

    public static final String RECEIVED = "eventdispatcher.messages.received";
    public static final String SENT = "eventdispatcher.messages.sent";
    public static final String INVALID = "eventdispatcher.messages.invalid";

    /** The {@link #INVALID} category of a message that breaks its command's contract (PROTOCOL.md g.12). */
    public static final String CONTRACT = "CONTRACT";

    public static final String UNKNOWN = "eventdispatcher.messages.unknown";
    public static final String HANDLER_DURATION = "eventdispatcher.handler.duration";
    public static final String STOP_REFUSED = "eventdispatcher.stop.refused";
    public static final String REFUSED = "eventdispatcher.messages.refused";

    /** Tag value for a command that is not one of this daemon's. */
    public static final String OTHER = "other";

    /** Most distinct commands tagged on sent messages; a safety net, a daemon sends about ten. */
    static final int MAX_SENT_COMMANDS = 64;

    private final MeterRegistry registry;
    // keyed by the tag values; every key set is bounded (handled commands, parse categories, 3 transports)
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> receivedOver = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentMap<String, Counter>> sentOver = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> invalid = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> unknown = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, HandledMeters> handled = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> stopRefused = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> refused = new ConcurrentHashMap<>();

    public MessageMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handled(Message message, Peer from, long nanos) {
        String command = message.command(); // a handler took it: one of a finite set
        HandledMeters meters = handled.get(command); // one look-up by command for both meters
        if (meters == null) {
            meters = handled.computeIfAbsent(command, key -> new HandledMeters(command));
        }
        meters.received(transport(from)).increment();
        meters.duration.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A handled command's meters: how long its handler took, and how many came by each transport. */
    private final class HandledMeters {

        final Timer duration;
        private final String command;
        private final ConcurrentMap<String, Counter> received = new ConcurrentHashMap<>(4);

        HandledMeters(String command) {
            this.command = command;
            this.duration = Timer.builder(HANDLER_DURATION)
                    .description("Time spent in the handler of each command")
                    .tag("command", command)
                    .register(registry);
        }

        Counter received(String transport) {
            Counter counter = received.get(transport);
            return counter != null
                    ? counter
                    : received.computeIfAbsent(transport, key -> receivedCounter(command, transport)
                            .register(registry));
        }
    }

    @Override
    public void unknown(Message message, Peer from) {
        String transport = transport(from);
        countReceived(OTHER, transport);
        count(unknown, transport, () -> Counter.builder(UNKNOWN)
                .description("Messages whose command no handler takes")
                .tag("transport", transport));
    }

    /** The command had a handler (QUIT, STOP...): one of a finite set. */
    @Override
    public void stopRefused(Message message, Peer from) {
        countReceived(message.command(), transport(from));
        count(stopRefused, message.command(), () -> Counter.builder(STOP_REFUSED)
                .description("Commands that stop the daemon, refused by eventdispatcher.daemon.stop.* or, over UDP,"
                        + " for want of eventdispatcher.log-rotate.secret")
                .tag("command", message.command()));
    }

    /** The problem is one of a gate's few fixed names; the command a tag only where a handler takes it. */
    @Override
    public void refused(Message message, Peer from, String problem, boolean handled) {
        String transport = transport(from);
        countReceived(handled ? message.command() : OTHER, transport);
        count(refused, problem + " " + transport, () -> Counter.builder(REFUSED)
                .description("Messages their transport does not let through (UDP: eventdispatcher.log-rotate.*),"
                        + " by reason")
                .tag("reason", problem)
                .tag("transport", transport));
    }

    @Override
    public void invalid(MessageParseException error, Peer from, long at) {
        countInvalid(error.category().name(), transport(from));
    }

    /** The command has a handler: one of a finite set. */
    @Override
    public void violated(Message message, Peer from, List<String> violations) {
        String transport = transport(from);
        countReceived(message.command(), transport);
        countInvalid(CONTRACT, transport);
    }

    private void countInvalid(String category, String transport) {
        count(invalid, category + " " + transport, () -> Counter.builder(INVALID)
                .description("Lines that could not be read as a message, by parse error category, and messages"
                        + " that break their command's contract (category " + CONTRACT + ")")
                .tag("category", category)
                .tag("transport", transport));
    }

    @Override
    public void sent(Message message, Peer to, long at) {
        String transport = transport(to);
        ConcurrentMap<String, Counter> counters = perTransport(sentOver, transport);
        Counter counter = counters.get(message.command()); // all but the first of each: no key, no lambda
        if (counter == null) {
            String command = counters.size() >= MAX_SENT_COMMANDS ? OTHER : message.command();
            counter = counters.computeIfAbsent(command, key -> Counter.builder(SENT)
                    .description("Messages sent, by command and transport")
                    .tag("command", command)
                    .tag("transport", transport)
                    .register(registry));
        }
        counter.increment();
    }

    /** Commands not handled here (refused stops and the unknown, counted as other): the rare path. */
    private void countReceived(String command, String transport) {
        count(perTransport(receivedOver, transport), command, () -> receivedCounter(command, transport));
    }

    /** The same meter for one command and transport however it is reached: the registry keeps one per name and tags. */
    private static Counter.Builder receivedCounter(String command, String transport) {
        return Counter.builder(RECEIVED)
                .description("Messages received, by command (other: no handler here) and transport")
                .tag("command", command)
                .tag("transport", transport);
    }

    /** One map per transport: no key to build per message. */
    private static ConcurrentMap<String, Counter> perTransport(
            ConcurrentMap<String, ConcurrentMap<String, Counter>> maps, String transport) {
        ConcurrentMap<String, Counter> counters = maps.get(transport);
        return counters != null ? counters : maps.computeIfAbsent(transport, key -> new ConcurrentHashMap<>());
    }

    /** A look-up first: the meter exists for all but the first message, and it costs no lock or lambda then. */
    private void count(ConcurrentMap<String, Counter> counters, String key, Supplier<Counter.Builder> builder) {
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> builder.get().register(registry));
        }
        counter.increment();
    }

    static String transport(Peer peer) {
        return peer.transport();
    }
}
