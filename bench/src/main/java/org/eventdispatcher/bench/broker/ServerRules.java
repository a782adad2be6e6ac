package org.eventdispatcher.bench.broker;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a server daemon does with a line off its queue in a broker conversation (PROTOCOL.md h.4,
 * h.5), with nothing of the daemon: {@code HI} to a sender it does not know yet, {@code ABSOLUTELY}
 * to {@code ALIVE}, {@code CLIMB}, {@code WHO}, {@code BYE}; {@code DISCONNECTING} forgets the
 * sender. The servers that measure the broker's ceiling ({@link PlainAmqpServer},
 * {@link SpringAmqpServer}) differ only in how lines come in and replies go out.
 *
 * <p>Called on one consumer thread at a time: the set of known senders is not shared.
 */
final class ServerRules {

    /** Sends one reply line to a sender ({@code server:service}), routed by its address. */
    @FunctionalInterface
    interface Replies {
        void send(String to, byte[] line) throws IOException;
    }

    private final String address;
    private final Set<String> known = new HashSet<>();
    private final LongAdder dads = new LongAdder();

    /** @param address this server's own, {@code server:service}, as it signs its replies */
    ServerRules(String address) {
        this.address = address;
    }

    /** The queue's arguments, as the daemon declares them with its defaults (h.2). */
    static Map<String, Object> queueArguments() {
        return Map.of("x-max-length", 10_000, "x-overflow", "drop-head", "x-message-ttl", 60_000L);
    }

    /** The queue of a server at {@code address}: {@code ed.server.service}. */
    static String queueOf(String address) {
        return "ed." + routingKeyOf(address);
    }

    /** {@code server:service} → {@code server.service}. */
    static String routingKeyOf(String address) {
        return address.replace(':', '.');
    }

    /** The key every daemon of the service is bound with: {@code all.service}. */
    static String serviceKeyOf(String address) {
        return "all." + address.substring(address.indexOf(':') + 1);
    }

    /** One line off the queue: answered through {@code replies}. */
    void handle(String line, Replies replies) throws IOException {
        String sender = null;
        String rest = line;
        if (line.startsWith("<")) {
            int space = line.indexOf(' ');
            sender = line.substring(1, space);
            rest = line.substring(space + 1);
        }
        String command = BrokerConversations.commandOf(rest);
        if (command.equals("DAD")) {
            dads.increment();
        }
        if (sender == null) {
            return;
        }
        if (command.equals("DISCONNECTING")) {
            known.remove(sender);
            return;
        }
        if (known.add(sender)) {
            reply(replies, sender, "HI");
        }
        switch (command) {
            case "ALIVE" -> reply(replies, sender, "ABSOLUTELY");
            case "DAD" -> reply(replies, sender, "CLIMB");
            case "TOP" -> reply(replies, sender, "WHO");
            case "MOM" -> reply(replies, sender, "BYE");
            default -> {}
        }
    }

    private void reply(Replies replies, String to, String command) throws IOException {
        replies.send(to, ("<" + address + " " + to + "/" + command).getBytes(StandardCharsets.UTF_8));
    }

    /** The daemon's meter of DAD messages received, as OneWayLoad reads it from a daemon's Prometheus endpoint. */
    void countDadsAt(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/actuator/prometheus", exchange -> {
            byte[] body = ("eventdispatcher_messages_received_total{command=\"DAD\",transport=\"amqp\"} " + dads.sum()
                            + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
    }
}
