package org.eventdispatcher.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.function.Supplier;
import org.eventdispatcher.protocol.contract.MessageContract;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.message.InvalidMessageException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.eventdispatcher.protocol.message.ParseError;
import org.eventdispatcher.protocol.message.Replies;
import org.eventdispatcher.protocol.message.UnknownCommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each message to the handler of its command and sends the handler's answer back to the
 * peer it came from (PROTOCOL.md b). Unparseable lines are answered {@code INVALID}, commands
 * nobody handles {@code UNKNOWN}; neither closes the connection.
 */
public class MessageDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MessageDispatcher.class);

    /** The logger {@code --trace} writes to: one line per message received. */
    private static final Logger trace = LoggerFactory.getLogger("org.eventdispatcher.trace");

    private final DispatchProperties properties;
    private final List<DispatchObserver> observers;
    private final StopRule stopRule;
    private final MessageCodec codec;
    private volatile HandlerTable table = HandlerTable.EMPTY;

    /** Obeys a command that stops the daemon from nobody ({@link StopRule#NOBODY}). */
    public MessageDispatcher(DispatchProperties properties, List<DispatchObserver> observers) {
        this(properties, observers, StopRule.NOBODY);
    }

    /** @param stopRule who may run the {@link StopsDaemon} handlers */
    public MessageDispatcher(DispatchProperties properties, List<DispatchObserver> observers, StopRule stopRule) {
        this.properties = properties;
        this.codec = MessageCodec.standard().withMaxParameters(properties.maxParameters());
        this.observers = List.copyOf(observers);
        this.stopRule = stopRule;
    }

    /**
     * Builds the dispatch table from the {@link OnCommand} methods of these beans. Spring calls
     * it once every singleton exists, so that handlers may depend on anything.
     *
     * @throws IllegalStateException when a command has two handlers at one priority, or a
     *                               handler cannot be called; the message names the methods
     */
    public void useHandlers(Collection<?> handlerBeans) {
        useHandlers(handlerBeans, MessageDefinitions.ofLibrary());
    }

    /**
     * As {@link #useHandlers(Collection)}, each command checked against its contract: its file in
     * {@code definitions}, if any, with what its handler's {@code @Param} arguments declare.
     *
     * @throws IllegalStateException also when a handler's arguments contradict its command's file,
     *                               naming both
     */
    public void useHandlers(Collection<?> handlerBeans, MessageDefinitions definitions) {
        this.table = HandlerTable.of(List.copyOf(handlerBeans), definitions);
    }

    /** Every handled command but aliases, sorted: what {@code HELP} lists. */
    public SortedSet<String> commands() {
        return table.commands();
    }

    /** The commands {@code HELP} lists to {@code peer}: every one its listener carries, aliases left out, sorted. */
    public SortedSet<String> commands(Peer peer) {
        return table.commands(peer);
    }

    /** Each listener name a handler class is limited to ({@link MessageHandlers#listeners()}), with its commands. */
    public SortedMap<String, SortedSet<String>> commandsByListener() {
        return table.commandsByListener();
    }

    /** One line as it came off the wire (UTF-8, without its terminator). */
    public void receive(byte[] line, Peer from) {
        receive(line, from, CommandGate.OPEN);
    }

    /** One line as it came off the wire, dispatched only where {@code gate} lets it through. */
    public void receive(byte[] line, Peer from, CommandGate gate) {
        Message message;
        try {
            message = codec.parse(line);
        } catch (MessageParseException e) {
            rejectLine(e, from, () -> new String(line, StandardCharsets.UTF_8));
            return;
        }
        dispatch(message, from, gate);
    }

    /** One line of text (without its terminator). */
    public void receive(String line, Peer from) {
        Message message;
        try {
            message = codec.parse(line);
        } catch (MessageParseException e) {
            rejectLine(e, from, () -> line);
            return;
        }
        dispatch(message, from);
    }

    /**
     * Hands a message to its handler and sends the answer to {@code from}. The handler's time
     * counts from when the dispatcher took the message: the two clock reads also stamp the
     * message and its answer for the observers.
     */
    public void dispatch(Message message, Peer from) {
        dispatch(message, from, CommandGate.OPEN);
    }

    /** As {@link #dispatch(Message, Peer)}, once {@code gate} let the message through. */
    public void dispatch(Message message, Peer from, CommandGate gate) {
        if (properties.trace()) {
            trace.info("{} -> {}", from.address(), withoutSecrets(message));
        }
        long receivedAt = System.nanoTime(); // after the trace line: --trace must not lengthen the handlers' times
        observers.forEach(o -> o.received(message, from, receivedAt));
        CommandHandler handler = table.find(message.command());
        if (handler != null && !handler.carriedOn(from)) {
            handler = null; // not a command of the listener it came in on: UNKNOWN there
        }
        if (gate != CommandGate.OPEN && refusedByGate(gate, message, handler, from)) {
            return;
        }
        if (handler == null) {
            unknown(message, from);
            return;
        }
        if (handler.stopsDaemon() && refusedStop(message, from)) {
            return;
        }
        if (handler.contract() != null && brokeContract(handler.contract(), message, from)) {
            return;
        }
        Message reply;
        try {
            reply = handler.invoke(message, from);
        } catch (InvalidMessageException e) {
            reply = invalidParameters(message, e.getMessage(), from);
        } catch (UnknownCommandException e) {
            log.debug("{} from {} is not one its handler takes: {}", message.command(), from.address(), e.getMessage());
            unknown(message, from);
            return;
        } catch (Throwable e) {
            log.error("{} failed on {} from {}", handler.description(), message.command(), from.address(), e);
            reply = invalidParameters(message, message.command() + " failed in its handler", from);
        }
        long handledAt = System.nanoTime();
        observers.forEach(o -> o.handled(message, from, handledAt - receivedAt));
        if (reply != null) {
            send(reply, from, handledAt);
        }
    }

    /**
     * A peer connected: its {@link OnConnect} handlers run, and what they return is sent to it,
     * before any line from it is dispatched. Called by its transport (through the connection
     * listeners), on the thread that serves the peer.
     */
    public void connected(Peer peer) {
        for (CommandHandler handler : table.onConnect()) {
            if (!handler.carriedOn(peer)) {
                continue;
            }
            Message greeting = callOnConnection(handler, peer);
            if (greeting != null) {
                send(greeting, peer);
            }
        }
    }

    /** A peer's connection closed, after its last line: its {@link OnDisconnect} handlers run. */
    public void disconnected(Peer peer) {
        for (CommandHandler handler : table.onDisconnect()) {
            if (!handler.carriedOn(peer)) {
                continue;
            }
            callOnConnection(handler, peer);
        }
    }

    private Message callOnConnection(CommandHandler handler, Peer peer) {
        try {
            return handler.invoke(null, peer);
        } catch (Throwable e) {
            if (peer.firstReport("failed-" + handler.command())) {
                log.error("{} failed for {}", handler.description(), peer.address(), e);
            }
            return null;
        }
    }

    /** Sends a message to a peer, or logs and drops it where no reply can go (UDP). */
    public void send(Message message, Peer to) {
        send(message, to, System.nanoTime());
    }

    private void send(Message message, Peer to, long at) {
        if (!to.canReply()) {
            log.debug("no way back to {}: dropped {}", to.address(), message);
            return;
        }
        to.send(message);
        observers.forEach(o -> o.sent(message, to, at));
    }

    /** A command that stops the daemon, from someone the stop rule does not allow: answered, and the daemon goes on. */
    private boolean refusedStop(Message message, Peer from) {
        String refusal = stopRule.refusal(message, from);
        if (refusal == null) {
            return false;
        }
        observers.forEach(o -> o.stopRefused(message, from));
        if (from.firstReport("stop-refused")) {
            log.warn(
                    "{} from {} refused: {} (eventdispatcher.daemon.stop.*)",
                    message.command(),
                    from.address(),
                    refusal);
        }
        send(Replies.invalid(message.command(), refusal), from);
        return true;
    }

    /**
     * A message that breaks its command's contract (PROTOCOL.md g.12): the handler does not run; it
     * is counted, logged once per peer, and answered one {@code INVALID} naming every fault unless
     * {@code reply-invalid=false} keeps upstream's silence.
     */
    private boolean brokeContract(MessageContract contract, Message message, Peer from) {
        List<String> violations = contract.violations(message);
        if (violations.isEmpty()) {
            return false;
        }
        observers.forEach(o -> o.violated(message, from, violations));
        Message reply = invalidParameters(message, String.join(", ", violations), from);
        if (properties.replyInvalid()) {
            send(reply, from);
        }
        return true;
    }

    /** Not for this transport: logged once (throttled), counted, and answered nothing. */
    private boolean refusedByGate(CommandGate gate, Message message, CommandHandler handler, Peer from) {
        CommandGate.Refusal refusal = gate.refusal(message, handler == null ? null : handler.traits());
        if (refusal == null) {
            return false;
        }
        if (handler != null && handler.stopsDaemon()) {
            observers.forEach(o -> o.stopRefused(message, from));
        } else {
            observers.forEach(o -> o.refused(message, from, refusal.problem(), handler != null));
        }
        if (from.firstReport("refused-" + refusal.problem())) {
            log.atLevel(refusal.level())
                    .log("{} from {} dropped: {}", printable(message.command()), from.address(), refusal.reason());
        }
        return true;
    }

    private void unknown(Message message, Peer from) {
        if (message.command().equals("ABSOLUTELY")) {
            log.debug("{} answered our ALIVE", from.address()); // the heartbeat's answer: the line itself was enough
            return;
        }
        observers.forEach(o -> o.unknown(message, from));
        if (message.isNeverAnswered()) {
            // once per peer: a daemon answering every line of ours this way would flood the log
            if (from.firstReport("received-" + message.command())) {
                log.warn(
                        "{} from {}: {} (the next ones from this peer are counted, not logged)",
                        message.command(),
                        from.address(),
                        printable(message.toString()));
            }
            return;
        }
        if (from.firstReport("unknown")) {
            log.warn("unknown command from {}: {}", from.address(), printable(message.toString()));
        }
        send(Replies.unknown(message.command()), from);
    }

    private Message invalidParameters(Message message, String reason, Peer from) {
        if (from.firstReport("invalid-parameters")) {
            log.warn("invalid {} from {}: {}", message.command(), from.address(), reason);
        }
        return Replies.invalid(message.command(), reason);
    }

    private void rejectLine(MessageParseException error, Peer from, Supplier<String> line) {
        if (error.category() == ParseError.EMPTY) {
            return; // an empty line between two messages is ignored silently (b.2)
        }
        if (properties.trace()) {
            trace.info("{} -> (invalid) {}", from.address(), printable(line.get()));
        }
        long receivedAt = System.nanoTime();
        observers.forEach(o -> o.invalid(error, from, receivedAt));
        if (from.firstReport("invalid-line")) {
            log.warn("invalid line from {}: {}", from.address(), error.getMessage());
        }
        if (properties.replyInvalid()) {
            send(Replies.invalidLine(error.getMessage()), from);
        }
    }

    /** The log-rotate secret never reaches a log, not even with --trace. */
    static Message withoutSecrets(Message message) {
        return message.hasParameter(Message.SECRET_CODE)
                ? message.toBuilder().parameter(Message.SECRET_CODE, "******").build()
                : message;
    }

    /** Control characters shown as escapes so that garbage cannot mangle the log. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200) + 16);
        int limit = Math.min(text.length(), 200);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("... (").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
