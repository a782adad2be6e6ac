package org.eventdispatcher.protocol.transport;

import java.nio.charset.StandardCharsets;

/**
 * A Unix-domain stream socket's path, as the options write it: {@code unix:/run/eventdispatcher/server.sock}.
 * The path is absolute (a daemon's working directory is no place to look for a socket) and fits the
 * kernel's {@code sun_path} (107 bytes and its terminating NUL).
 */
public record UnixPath(String path) implements Endpoint {

    /** What starts a Unix socket's address in an option. */
    public static final String SCHEME = "unix:";

    /** {@code sizeof(sun_path)} on Linux, less the terminating NUL. */
    public static final int MAX_PATH_BYTES = 107;

    public UnixPath {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("the socket's path is empty");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the socket's path \"" + path + "\" is not absolute");
        }
        if (path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the socket's path holds a NUL character");
        }
        int bytes = path.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("the socket's path is " + bytes + " bytes long, more than the "
                    + MAX_PATH_BYTES + " a socket takes");
        }
    }

    /** True when {@code text} (stripped) starts with {@code unix:}. */
    public static boolean isUnix(String text) {
        return text != null && text.strip().startsWith(SCHEME);
    }

    /**
     * Reads {@code unix:/absolute/path}.
     *
     * @throws IllegalArgumentException naming the text and saying what is wrong with it
     */
    public static UnixPath parse(String text) {
        String value = text == null ? "" : text.strip();
        if (!value.startsWith(SCHEME)) {
            throw new IllegalArgumentException("\"" + value + "\" is not a unix:/path address");
        }
        try {
            return new UnixPath(value.substring(SCHEME.length()));
        } catch (IllegalArgumentException problem) {
            throw new IllegalArgumentException(
                    "\"" + value + "\" is not a unix:/path address: " + problem.getMessage());
        }
    }

    /** As the options write it: {@code unix:/path}. */
    @Override
    public String toString() {
        return SCHEME + path;
    }
}
