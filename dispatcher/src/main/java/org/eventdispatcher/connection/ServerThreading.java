package org.eventdispatcher.connection;

/** How the server's connections are read and their lines handled. */
public enum ServerThreading {

    /**
     * A few event loops (one per core) serve every connection: the fastest, and thousands of
     * quiet connections cost no thread. Handlers must not block: a handler runs on a loop's thread.
     */
    EVENT_LOOPS,

    /**
     * A reader thread per connection (virtual on Java 21+, see {@link ReaderThreads}): for handlers
     * that block, each holding up only its own connection.
     */
    THREAD_PER_CONNECTION
}
