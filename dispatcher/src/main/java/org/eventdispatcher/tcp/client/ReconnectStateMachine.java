package org.eventdispatcher.tcp.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import org.eventdispatcher.link.ReconnectPolicy;
import org.eventdispatcher.protocol.transport.Endpoint;
import org.eventdispatcher.tcp.client.ConnectionState.Status;
import org.eventdispatcher.tcp.client.PermanentConnectionEvent.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

/**
 * When and where the client connects (PROTOCOL.md e): attempts walk the {@link ServerList}, the
 * preferred server first, the next one at once after a failure, the {@link ReconnectPolicy}'s pause
 * once each has failed; a connection closed before the server said anything counts as a failed
 * attempt, one that proved itself starts the pauses and the list over. Its {@link ConnectionState}
 * is the snapshot the health and the meters read.
 *
 * <p>Each wait is a task on the shared scheduler; each attempt (which may wait on the server up to
 * the connect and handshake timeouts) runs on the link's executor, and asks its {@link Connector},
 * whose success is told back through {@link #connected()} before the connector returns. One lock,
 * never held while connecting, logging or telling.
 */
final class ReconnectStateMachine {

    /** Logged under the link's name: users set its level, not the parts'. */
    private static final Logger log = LoggerFactory.getLogger(PermanentConnection.class);

    private static final String SERVER_CLOSED = FailureText.SERVER_CLOSED;

    /** Opens a connection, bounded by the connect and handshake timeouts. */
    interface Connector {
        void connect(Endpoint server) throws InterruptedException;
    }

    /** Told of each attempt, success and loss, outside the lock, in the order they happen. */
    interface Observer {
        void told(Kind kind, ConnectionState state, String detail);
    }

    /** A connection was accepted: the state that says so, and whether it ends an outage of silent closes. */
    record Connected(ConnectionState state, boolean quietly) {}

    private final Object lock = new Object();
    private final ServerList servers;
    private final ReconnectPolicy policy;
    private final TaskScheduler scheduler;
    private final Executor linkWork;
    private final Connector connector;
    private final Observer observer;
    private boolean running;
    private boolean finished;
    /** Connections in this outage that closed before the server said anything. */
    private int silentCloses;

    private ScheduledFuture<?> nextAttempt;
    private volatile ConnectionState state;

    ReconnectStateMachine(
            List<Endpoint> servers,
            ReconnectPolicy policy,
            TaskScheduler scheduler,
            Executor linkWork,
            Connector connector,
            Observer observer) {
        this.servers = new ServerList(servers);
        this.policy = policy;
        this.scheduler = scheduler;
        this.linkWork = linkWork;
        this.connector = connector;
        this.observer = observer;
        this.state = ConnectionState.initial(this.servers.next().toString(), now());
    }

    ConnectionState state() {
        return state;
    }

    /** The servers, in order of preference, for the log. */
    String servers() {
        return servers.toString();
    }

    /** @return false when already running */
    boolean start() {
        synchronized (lock) {
            if (running) {
                return false;
            }
            running = true;
            finished = false;
            policy.connected();
            scheduleAttempt(policy.firstAttempt(), null);
            return true;
        }
    }

    boolean isRunning() {
        synchronized (lock) {
            return running;
        }
    }

    /**
     * No more attempts until started again; the connection, if there is one, is closed by the caller.
     *
     * @return false when it was not running
     */
    boolean stop() {
        synchronized (lock) {
            if (!running) {
                return false;
            }
            running = false;
            endAttempts();
            return true;
        }
    }

    /** The conversation is over: no more attempts, even while still running. */
    void finish() {
        synchronized (lock) {
            finished = true;
            endAttempts();
        }
    }

    private void endAttempts() {
        if (nextAttempt != null) {
            nextAttempt.cancel(false);
            nextAttempt = null;
        }
        if (state.status() != Status.CONNECTED) {
            state = state.disconnected(now(), null, state.server(), null);
        }
    }

    private void attempt() {
        ConnectionState attempting;
        Endpoint server;
        synchronized (lock) {
            nextAttempt = null;
            if (!running || finished || state.status() == Status.CONNECTED) {
                return;
            }
            server = servers.next();
            state = state.connecting(now(), server.toString());
            attempting = state;
        }
        String error;
        try {
            observer.told(Kind.ATTEMPT, attempting, null);
            connector.connect(server);
            // Success was reported to connected() before connect returned. Should the state still
            // say CONNECTING, that connection was never counted, and nothing else would schedule
            // the next attempt: treat it as a failure.
            error = "the connection closed as soon as it opened";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (RuntimeException | Error e) {
            // whatever failed, the next attempt is scheduled: a client never gives up
            error = FailureText.describe(e, server.toString());
            if (e instanceof VirtualMachineError fatal) {
                failed(error);
                throw fatal;
            }
        }
        failed(error);
    }

    /** Schedules the next attempt, unless the attempt under way has already been settled. */
    private void failed(String error) {
        Duration pause;
        String server;
        ConnectionState failed;
        synchronized (lock) {
            if (!running || finished || state.status() != Status.CONNECTING) {
                return;
            }
            server = state.server();
            pause = pauseAfterFailure();
            state = state.disconnected(now(), error, servers.next().toString(), now().plus(pause));
            failed = state;
        }
        if (failed.attemptsSinceSuccess() == 1) {
            log.warn(
                    "cannot connect to {}: {}; trying again {}, and on until one answers",
                    server,
                    error,
                    when(pause, failed.server()));
        } else {
            log.debug(
                    "attempt {} to connect to {} failed: {}; next {}",
                    failed.attemptsSinceSuccess(),
                    server,
                    error,
                    when(pause, failed.server()));
        }
        // told before the next attempt is armed: the next server is tried at once, on another link
        // thread, which could otherwise connect, and say so, before this failure is told
        observer.told(Kind.ATTEMPT_FAILED, failed, error);
        synchronized (lock) {
            if (running && !finished && state == failed) {
                armAttempt(failed.nextAttempt());
            }
        }
    }

    /**
     * A connection opened, during an attempt.
     *
     * @return null when it is not wanted (stopped, finished or already connected): close it
     */
    Connected connected() {
        synchronized (lock) {
            if (!running || finished || state.status() == Status.CONNECTED) {
                return null;
            }
            state = state.connected(now());
            return new Connected(state, silentCloses > 0);
        }
    }

    /** The server sent its first line on the connection: the pauses and the list start over. */
    void proven() {
        synchronized (lock) {
            if (state.status() != Status.CONNECTED) {
                return;
            }
            policy.connected();
            servers.healthy();
            silentCloses = 0;
            state = state.proven();
        }
    }

    /**
     * The connection closed; the next attempt is scheduled unless stopped or finished.
     *
     * @param reason        why, as the log and the state tell it
     * @param proven        whether the server said anything on it
     * @param serverAddress the server's IP and port; {@code host} its name, for the log
     */
    void lost(String reason, boolean proven, String serverAddress, String host) {
        Duration pause = null;
        boolean silentClose = false;
        int silent;
        ConnectionState lost;
        synchronized (lock) {
            if (running && !finished) {
                if (proven) {
                    pause = policy.nextPause(); // the policy starts over; so does the server list
                } else {
                    // accepted, then closed before a word: as good as a failed attempt
                    silentClose = true;
                    silentCloses++;
                    reason = reason.equals(SERVER_CLOSED)
                            ? "the server closed the connection before saying anything"
                            : reason.startsWith(SilenceWatch.SAID_NOTHING)
                                    ? reason
                                    : reason + " (before the server said anything)";
                    pause = pauseAfterFailure();
                }
                scheduleAttempt(pause, reason);
            } else {
                state = state.disconnected(now(), null, state.server(), null);
            }
            lost = state;
            silent = silentCloses;
        }
        if (pause == null) {
            log.debug("closed the connection to {}: {}", host, reason);
        } else if (silentClose && silent > 1) {
            log.debug("lost the connection again: {}; reconnecting {}", reason, when(pause, lost.server()));
        } else {
            log.warn(
                    "lost the connection to {}: {}; reconnecting {}",
                    serverAddress,
                    reason,
                    when(pause, lost.server()));
        }
        observer.told(Kind.LOST, lost, reason);
    }

    /** The next server at once, or, once each has failed, the first after the policy's pause. */
    private Duration pauseAfterFailure() {
        return servers.failed() ? policy.nextPause() : Duration.ZERO;
    }

    private void scheduleAttempt(Duration delay, String error) {
        Instant at = now().plus(delay);
        state = state.disconnected(now(), error, servers.next().toString(), at);
        armAttempt(at);
    }

    private void armAttempt(Instant at) {
        nextAttempt = scheduler.schedule(() -> linkWork.execute(this::attempt), at);
    }

    private String when(Duration pause, String server) {
        return (pause.isZero() ? "at once" : "in " + FailureText.seconds(pause))
                + (servers.size() > 1 ? " with " + server : "");
    }

    private Instant now() {
        return scheduler.getClock().instant();
    }
}
