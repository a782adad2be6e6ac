package org.eventdispatcher.connection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The client's permanent connection ({@code eventdispatcher.client.*}).
 *
 * @param server         the server, {@code host[:port]} (the {@code --server} option); a missing
 *                       host is 127.0.0.1, a missing port 3001
 * @param reconnect      when to try again after a failed attempt or a lost connection
 * @param connectTimeout how long one attempt may wait for the server to accept; whole seconds,
 *                       at least 1 (the framework counts in seconds)
 * @param stallTimeout   the longest the server may stay silent while the connection is open
 *                       before the client gives up on it and reconnects; 0 turns it off
 * @param maxLineLength  the longest line accepted from the server, in bytes; a longer one closes
 *                       the connection (and the client reconnects)
 */
@ConfigurationProperties("eventdispatcher.client")
public record ClientConnectionProperties(
        @DefaultValue(ServerAddress.DEFAULT) ServerAddress server,
        @DefaultValue Reconnect reconnect,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration stallTimeout,
        @DefaultValue("65536") int maxLineLength) {

    public ClientConnectionProperties {
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("eventdispatcher.client.connect-timeout must be at least 1s, not "
                    + connectTimeout);
        }
        if (stallTimeout.isNegative()) {
            throw new IllegalArgumentException("eventdispatcher.client.stall-timeout cannot be negative: "
                    + stallTimeout);
        }
        if (maxLineLength < 64) {
            throw new IllegalArgumentException("eventdispatcher.client.max-line-length must be at least 64 bytes, not "
                    + maxLineLength);
        }
    }

    /**
     * @param pauses the pause list (PROTOCOL.md e), e.g. {@code 0.5,1,2,5} or {@code -3,1s,10s}
     * @param jitter fraction of each pause taken off at random, from 0 to below 1
     */
    public record Reconnect(
            @DefaultValue(PauseList.DEFAULT) PauseList pauses,
            @DefaultValue("0.2") double jitter) {

        public Reconnect {
            if (!(jitter >= 0 && jitter < 1)) {
                throw new IllegalArgumentException("eventdispatcher.client.reconnect.jitter must be at least 0"
                        + " and below 1, not " + jitter);
            }
        }
    }

    /** Where the server listens. Spring converts a property string with {@link #valueOf(String)}. */
    public record ServerAddress(String host, int port) {

        public static final String DEFAULT_HOST = "127.0.0.1";
        public static final int DEFAULT_PORT = 3001;
        static final String DEFAULT = DEFAULT_HOST + ":" + DEFAULT_PORT;

        public ServerAddress {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("the server address needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("server port " + port + " is not between 1 and 65535");
            }
        }

        /**
         * Reads {@code host[:port]}, {@code :port} or {@code [ipv6][:port]}.
         *
         * @throws IllegalArgumentException saying what is wrong with the address
         */
        public static ServerAddress valueOf(String text) {
            String address = text == null ? "" : text.strip();
            String host = address;
            String port = "";
            if (address.startsWith("[")) {
                int close = address.indexOf(']');
                if (close < 0) {
                    throw new IllegalArgumentException("server address \"" + text + "\" has '[' without ']'");
                }
                host = address.substring(1, close);
                String rest = address.substring(close + 1);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    throw new IllegalArgumentException("server address \"" + text + "\": expected ':port' after ']'");
                }
                port = rest.isEmpty() ? "" : rest.substring(1);
            } else {
                int colon = address.lastIndexOf(':');
                if (colon >= 0 && address.indexOf(':') == colon) {
                    host = address.substring(0, colon);
                    port = address.substring(colon + 1);
                }
            }
            int number = DEFAULT_PORT;
            if (!port.isEmpty()) {
                try {
                    number = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("server address \"" + text + "\": port \"" + port
                            + "\" is not a number");
                }
                if (number < 1 || number > 65535) {
                    throw new IllegalArgumentException("server address \"" + text + "\": port " + number
                            + " is not between 1 and 65535");
                }
            }
            return new ServerAddress(host.isEmpty() ? DEFAULT_HOST : host, number);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
