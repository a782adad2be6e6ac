package org.eventdispatcher.broker;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.eventdispatcher.connection.Connection;
import org.eventdispatcher.connection.ConnectionListener;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.link.ClientLink;
import org.eventdispatcher.link.NotConnectedException;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;

/**
 * A client's link to its server through the broker (PROTOCOL.md h.4): it sends {@code ALIVE} to the
 * server's address, again after each pause of the reconnect policy, until the server answers (its
 * greeting opens the virtual connection); when that connection closes, it joins again, until
 * {@link #finish finished}. A server not started yet is simply not there: the client waits, as it
 * does on TCP.
 *
 * <p>A join starts with {@value VirtualConnections#DISCONNECTING}, so that a server still holding a
 * connection from this client's previous run (or previous conversation) forgets it and greets anew.
 *
 * <p>It learns of the server's virtual connection as a {@link ConnectionListener}: opened (the
 * server's greeting arrived) and closed.
 */
public class BrokerJoin implements ClientLink, ConnectionListener, Ordered, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BrokerJoin.class);

    private final BrokerAddress server;
    private final BrokerPublisher publisher;
    private final ReconnectPolicy policy;
    private final TaskScheduler scheduler;
    private final Object lock = new Object();
    private boolean running;
    private boolean joined;
    private boolean finished;
    private int attempts;
    private ScheduledFuture<?> next;

    public BrokerJoin(
            BrokerAddress server, BrokerPublisher publisher, ReconnectPolicy policy, TaskScheduler scheduler) {
        this.server = server;
        this.publisher = publisher;
        this.policy = policy;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        synchronized (lock) {
            running = true;
        }
        log.info("joining {} through the broker as {}", server, publisher.self());
        join();
    }

    private void join() {
        synchronized (lock) {
            if (!running || joined || finished) {
                return;
            }
            attempts++;
            try {
                if (attempts == 1) {
                    publisher.publish(Message.of(VirtualConnections.DISCONNECTING), server);
                }
                publisher.publish(Message.of("ALIVE"), server);
            } catch (NotConnectedException e) {
                if (attempts == 1) {
                    log.warn("cannot reach the broker yet ({}); trying again", e.getMessage());
                }
            }
            next = scheduler.schedule(this::join, Instant.now().plus(policy.nextPause()));
        }
    }

    /** The address of the server this client joins. */
    public BrokerAddress server() {
        return server;
    }

    @Override
    public void connectionEvent(Event event, Connection connection, @Nullable Throwable cause) {
        if (!isServer(connection)) {
            return;
        }
        switch (event) {
            case OPENED -> joined();
            case CLOSED -> closed(connection instanceof VirtualConnection virtual ? virtual.closeReason() : "closed");
            case FAILED -> {}
        }
    }

    /** Among the application's listeners: after the registry and the meters, before the {@code @OnConnect} handlers. */
    @Override
    public int getOrder() {
        return 0;
    }

    /** The server answered: its virtual connection opened. */
    private void joined() {
        synchronized (lock) {
            joined = true;
            cancel();
            policy.connected();
            log.info("joined {} through the broker{}", server, attempts > 1 ? " after " + attempts + " tries" : "");
            attempts = 0;
        }
    }

    /** The server's virtual connection closed: join again, unless the conversation is over. */
    private void closed(String reason) {
        synchronized (lock) {
            joined = false;
            if (finished || !running) {
                return;
            }
            log.info("link to {} closed ({}): joining again", server, reason);
        }
        join();
    }

    /**
     * Whether {@code peer} is the server this client joined: on the broker, the one peer whose word
     * ends the conversation ({@code BYE}). A line comes in on the virtual connection of the sender
     * it names; the broker does not check that name (its credentials and permissions are what keep
     * strangers off it), so this tells the server from other daemons, not from a forger.
     */
    @Override
    public boolean isServer(Peer peer) {
        return peer.brokerAddress().filter(server::equals).isPresent();
    }

    @Override
    public void finish(String reason) {
        synchronized (lock) {
            finished = true;
            cancel();
        }
        log.info("{}: leaving {}; no more joins", reason, server);
    }

    private void cancel() {
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    @Override
    public void stop() {
        synchronized (lock) {
            running = false;
            cancel();
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }
}
