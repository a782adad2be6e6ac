package org.eventdispatcher.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.eventdispatcher.dispatch.DispatchObserver;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * The one record of the connections open now, on both sides and every transport, with what went
 * through each: the first {@link ConnectionListener}, it makes an entry when a connection opens
 * and drops it when it closes, and the dispatcher's observer callbacks count the messages of the
 * peer whose {@link Peer#id()} is that connection's id. Peers without an entry (UDP senders, a line
 * read after the close) are not counted, so the registry never holds more than the open
 * connections.
 *
 * <p>{@code /actuator/connections}, the health components and the connection meters read it.
 *
 * <p>Thread-safe: the reader threads of every connection call it at once.
 */
public class ConnectionRegistry implements ConnectionListener, DispatchObserver, Ordered {

    /**
     * One open connection, as a snapshot.
     *
     * @param lastMessageAt when the last message went either way; null before the first
     * @param tls           the TLS protocol and cipher suite; null on plaintext (and, on a client
     *                      connection, until a message has gone either way: asking earlier could
     *                      wait for the handshake)
     */
    public record Statistics(
            String id,
            Side side,
            String transport,
            String peer,
            Instant connectedSince,
            long messagesIn,
            long messagesOut,
            Instant lastMessageAt,
            Tls tls,
            @Nullable String listener,
            Peer.@Nullable Credentials credentials) {}

    public record Tls(String protocol, String cipherSuite) {}

    private static final Comparator<Statistics> OLDEST_FIRST =
            Comparator.comparing(Statistics::connectedSince).thenComparing(Statistics::id);

    private final Clock clock;
    /** The dispatcher's time source ({@link System#nanoTime()}): a message's wall time is worked out only when asked for. */
    private final LongSupplier nanoTime;

    private final ConcurrentMap<String, Entry> open = new ConcurrentHashMap<>();
    /** Keyed by side and transport: {@code server/tcp}, {@code server/amqp}... a handful of keys. */
    private final ConcurrentMap<String, LongAdder> opened = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, LongAdder> closed = new ConcurrentHashMap<>();

    public ConnectionRegistry(Clock clock) {
        this(clock, System::nanoTime);
    }

    /** @param nanoTime the time source of the dispatcher's times; System::nanoTime but in tests */
    public ConnectionRegistry(Clock clock, LongSupplier nanoTime) {
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** First among the listeners: a greeting sent by a later one ({@code @OnConnect}) is counted too. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** First of the listeners: opened before anything is sent to it, forgotten once closed. */
    @Override
    public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
        switch (event) {
            case OPENED -> {
                add(
                        connection.id(),
                        new Entry(
                                connection.side(),
                                connection.transport(),
                                connection.address(),
                                now(),
                                connection::isOpen,
                                connection::tlsSession,
                                connection.listenedOn(),
                                connection.credentials().orElse(null)));
            }
            case CLOSED -> forget(connection.id());
            case FAILED -> {}
        }
    }

    private void add(String id, Entry entry) {
        if (open.putIfAbsent(id, entry) == null) {
            count(opened, entry.side, entry.transport).increment();
        }
    }

    /** Milliseconds, like the message times: the two are compared by people reading them. */
    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private void forget(String id) {
        Entry entry = open.remove(id);
        if (entry != null) {
            count(closed, entry.side, entry.transport).increment();
        }
    }

    @Override
    public void received(Message message, Peer from, long at) {
        count(from, true, at);
    }

    /** A line that is not a message is a message in all the same: the peer sent it. */
    @Override
    public void invalid(MessageParseException error, Peer from, long at) {
        count(from, true, at);
    }

    @Override
    public void sent(Message message, Peer to, long at) {
        count(to, false, at);
    }

    private void count(Peer peer, boolean in, long at) {
        Entry entry = open.get(peer.id());
        if (entry != null) {
            entry.lastMessageNanos = at; // before the count: a reader that sees a message sees its time
            (in ? entry.in : entry.out).increment();
        }
    }

    /**
     * The open connections, oldest first. An entry whose socket is closed is dropped here, so
     * that a close event lost on a closing context cannot leave it behind for good.
     */
    public List<Statistics> connections() {
        open.forEach((id, entry) -> {
            if (!entry.isOpen.getAsBoolean()) {
                forget(id);
            }
        });
        long nowMillis = clock.millis();
        long nowNanos = nanoTime.getAsLong();
        return open.entrySet().stream()
                .map(e -> e.getValue().statistics(e.getKey(), nowMillis, nowNanos))
                .sorted(OLDEST_FIRST)
                .toList();
    }

    /** How many connections have an entry now. */
    public int size() {
        return open.size();
    }

    /** TCP connections open now on one side. */
    public long open(Side side) {
        return open(side, "tcp");
    }

    /** TCP connections opened on one side since start-up. */
    public long opened(Side side) {
        return opened(side, "tcp");
    }

    /** TCP connections closed on one side since start-up. */
    public long closed(Side side) {
        return closed(side, "tcp");
    }

    /** Connections of a transport ({@code tcp}, {@code amqp}) open now on one side. */
    public long open(Side side, String transport) {
        return opened(side, transport) - closed(side, transport);
    }

    /** Connections of a transport opened on one side since start-up. */
    public long opened(Side side, String transport) {
        return count(opened, side, transport).sum();
    }

    /** Connections of a transport closed on one side since start-up. */
    public long closed(Side side, String transport) {
        return count(closed, side, transport).sum();
    }

    private static LongAdder count(ConcurrentMap<String, LongAdder> counts, Side side, String transport) {
        String key = side.tag() + "/" + transport;
        LongAdder count = counts.get(key);
        return count != null ? count : counts.computeIfAbsent(key, k -> new LongAdder());
    }

    private static final class Entry {

        final Side side;
        final String transport;
        final String peer;
        final Instant connectedSince;
        final LongAdder in = new LongAdder();
        final LongAdder out = new LongAdder();
        /** System.nanoTime() of the last message, once there is one. Racing writers both write "now". */
        volatile long lastMessageNanos;
        /** Read once known: a session's protocol and cipher suite do not change. */
        volatile Tls tls;

        final BooleanSupplier isOpen;
        final Supplier<SSLSession> session;
        final @Nullable String listener;
        final Peer.@Nullable Credentials credentials;

        Entry(
                Side side,
                String transport,
                String peer,
                Instant connectedSince,
                BooleanSupplier isOpen,
                Supplier<SSLSession> session,
                @Nullable String listener,
                Peer.@Nullable Credentials credentials) {
            this.side = side;
            this.transport = transport;
            this.peer = peer;
            this.connectedSince = connectedSince;
            this.isOpen = isOpen;
            this.session = session;
            this.listener = listener;
            this.credentials = credentials;
        }

        /** The last message's time is now less the time gone since, on the clock that does not jump. */
        Statistics statistics(String id, long nowMillis, long nowNanos) {
            long messagesIn = in.sum();
            long messagesOut = out.sum();
            boolean messagesWent = messagesIn + messagesOut > 0;
            Instant last =
                    messagesWent ? Instant.ofEpochMilli(nowMillis - (nowNanos - lastMessageNanos) / 1_000_000) : null;
            return new Statistics(
                    id,
                    side,
                    transport,
                    peer,
                    connectedSince,
                    messagesIn,
                    messagesOut,
                    last,
                    tls(messagesWent),
                    listener,
                    credentials);
        }

        /** A server connection opens after its handshake; a client's has done it once a message went through. */
        private Tls tls(boolean messagesWent) {
            Tls known = tls;
            if (known == null && (side == Side.SERVER || messagesWent)) {
                SSLSession tlsSession = session.get();
                if (tlsSession != null) {
                    known = new Tls(tlsSession.getProtocol(), tlsSession.getCipherSuite());
                    tls = known;
                }
            }
            return known;
        }
    }
}
