package org.eventdispatcher.tcp.server;

/** Which threads run the handlers of the server's connections. */
public enum ServerThreading {

    /**
     * The event loops that read the connections (one per core) run their handlers too: the
     * fastest, and thousands of quiet connections cost no thread. Handlers must not block: one
     * that blocks holds up every connection of its loop.
     */
    EVENT_LOOPS,

    /**
     * The handlers of each connection run in order on a queue of its own ({@link SerialQueue}),
     * over shared threads (virtual on Java 21+, a bounded pool before, see {@link HandlerThreads}):
     * for handlers that block, each holding up only its own connection. Reading and writing stay
     * on the event loops.
     */
    THREAD_PER_CONNECTION
}
