package org.eventdispatcher.connection;

/** A connection whose socket writes the {@link StalledWriteWatchdog} watches. */
interface WatchedWriter {

    /** Deadline of the write in progress ({@link System#nanoTime()}), 0 when none. */
    long writeDeadline();

    /** The peer has not taken our bytes for the whole send timeout: drop it. Any thread. */
    void closeStalled();
}
