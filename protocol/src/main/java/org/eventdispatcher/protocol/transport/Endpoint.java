package org.eventdispatcher.protocol.transport;

/**
 * Where a daemon listens or a client connects: a TCP address ({@link HostPort}) or a Unix-domain
 * socket ({@link UnixPath}). Its {@code toString()} is the text an option takes back.
 */
public sealed interface Endpoint permits HostPort, UnixPath {

    /**
     * Reads {@code unix:/path}, or {@code host[:port]} as {@link HostPort#parse(String, int)} does.
     *
     * @throws IllegalArgumentException naming the text and saying what is wrong with it
     */
    static Endpoint parse(String text, int defaultPort) {
        return UnixPath.isUnix(text) ? UnixPath.parse(text) : HostPort.parse(text, defaultPort);
    }

    /**
     * Reads {@code unix:/path}, or {@code host:port} with its port written, as {@link HostPort#parse(String)} does.
     *
     * @throws IllegalArgumentException naming the text and saying what is wrong with it
     */
    static Endpoint parse(String text) {
        return UnixPath.isUnix(text) ? UnixPath.parse(text) : HostPort.parse(text);
    }
}
