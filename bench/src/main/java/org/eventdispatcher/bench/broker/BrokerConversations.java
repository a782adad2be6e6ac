package org.eventdispatcher.bench.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * N virtual clients, each a small state machine driven by the deliveries on its own channel (the
 * client library runs one channel's callbacks in order): the conversation of PROTOCOL.md h.5 again
 * and again. A watchdog restarts a client whose reply is late, and counts it.
 */
final class BrokerConversations {

    static final AMQP.BasicProperties TEXT = new AMQP.BasicProperties.Builder()
            .contentType("text/plain")
            .contentEncoding("utf-8")
            .deliveryMode(1)
            .build();

    private final BrokerLoad.Options options;
    private final Window window;
    private final Histogram latencyMicros = new SynchronizedHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final Errors errors = new Errors();
    private volatile boolean stopping;

    private BrokerConversations(BrokerLoad.Options options, Window window) {
        this.options = options;
        this.window = window;
    }

    static BrokerLoad.Result run(BrokerLoad.Options options)
            throws IOException, TimeoutException, InterruptedException {
        ConnectionFactory factory = factory(options);
        List<Client> clients = new ArrayList<>();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "broker-load-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try (Connection connection = factory.newConnection("bench-broker-conv")) {
            // the window starts once every client's channel is open
            List<Channel> channels = new ArrayList<>();
            for (int i = 0; i < options.clients; i++) {
                channels.add(connection.createChannel());
            }
            Window window = new Window(options.warmup, options.seconds);
            BrokerConversations running = new BrokerConversations(options, window);
            for (int i = 0; i < options.clients; i++) {
                clients.add(running.new Client(i, channels.get(i)));
            }
            for (Client client : clients) {
                client.bind();
            }
            for (Client client : clients) {
                client.start();
            }
            watchdog.scheduleWithFixedDelay(
                    () -> clients.forEach(Client::checkTimeout), 100, 100, TimeUnit.MILLISECONDS);
            window.awaitStart();
            CpuTimes before = CpuTimes.sample(options.brokerPid, options.serverPid);
            window.awaitEnd();
            CpuTimes after = CpuTimes.sample(options.brokerPid, options.serverPid);
            running.stopping = true;
            // let the conversations under way end (each ends with DISCONNECTING), one timeout at most
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis);
            while (clients.stream().anyMatch(Client::busy) && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
            return running.report(before.until(after));
        } finally {
            watchdog.shutdownNow();
        }
    }

    static ConnectionFactory factory(BrokerLoad.Options options) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(options.host);
        factory.setPort(options.port);
        factory.setUsername(options.user);
        factory.setPassword(options.password);
        factory.setAutomaticRecoveryEnabled(false); // a measurement: fail, never retry behind our back
        return factory;
    }

    private BrokerLoad.Result report(CpuTimes.Window cpu) {
        long conversations = latencyMicros.getTotalCount();
        double perSecond = conversations / window.seconds();
        double p50 = latencyMicros.getValueAtPercentile(50) / 1000.0;
        double p99 = latencyMicros.getValueAtPercentile(99) / 1000.0;
        double max = latencyMicros.getMaxValue() / 1000.0;
        String summary = String.format(
                java.util.Locale.ROOT,
                "broker conversations: %d clients, %.0f s: %.0f conversations/s, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms, "
                        + "%d errors%s; CPU over the window: broker %.2f s, server %.2f s, load generator %.2f s",
                options.clients,
                window.seconds(),
                perSecond,
                p50,
                p99,
                max,
                errors.total(),
                errors.describe(),
                cpu.broker(),
                cpu.server(),
                cpu.self());
        return new BrokerLoad.Result(summary, conversations > 0)
                .with("mode", "conv")
                .with("clients", options.clients)
                .with("seconds", window.seconds())
                .with("conversations", conversations)
                .with("conv_per_s", perSecond)
                .with("p50_ms", p50)
                .with("p99_ms", p99)
                .with("max_ms", max)
                .with("errors", errors.total())
                .with(cpu);
    }

    /** The command of a reply: {@code <beta:server_service bench3:client/CLIMB} → {@code CLIMB}. */
    static String commandOf(String body) {
        String text = body.strip();
        if (text.startsWith("<")) {
            int space = text.indexOf(' ');
            text = space < 0 ? "" : text.substring(space + 1);
        }
        int space = text.indexOf(' ');
        String head = space < 0 ? text : text.substring(0, space);
        int slash = head.lastIndexOf('/');
        if (slash >= 0) {
            return head.substring(slash + 1);
        }
        int colon = head.lastIndexOf(':');
        return colon >= 0 ? head.substring(colon + 1) : head;
    }

    private enum Step {
        IDLE(null, null),
        JOINING("HI", "DAD"),
        DAD("CLIMB", "TOP"),
        TOP("WHO", "MOM"),
        MOM("BYE", null);

        final String expected;
        final String next;

        Step(String expected, String next) {
            this.expected = expected;
            this.next = next;
        }
    }

    /** One virtual client, {@code benchK:client}: its channel, queue and place in the conversation. */
    private final class Client {

        private final Channel channel;
        private final String address;
        private final String routingKey;
        private final byte[] disconnecting;
        private final byte[] alive;
        private final Map<String, byte[]> requests = new ConcurrentHashMap<>();
        private Step step = Step.IDLE;
        private long startedAt;
        private long lastReplyAt;

        Client(int index, Channel channel) {
            this.channel = channel;
            this.address = "bench" + index + ":client";
            this.routingKey = "bench" + index + ".client";
            this.disconnecting = body("DISCONNECTING");
            this.alive = body("ALIVE");
            for (String command : List.of("DAD", "TOP", "MOM")) {
                requests.put(command, body(command));
            }
        }

        private byte[] body(String command) {
            return ("<" + address + " " + options.target + "/" + command).getBytes(StandardCharsets.UTF_8);
        }

        void bind() throws IOException {
            String queue = channel.queueDeclare("", false, true, true, null).getQueue();
            channel.queueBind(queue, options.exchange, routingKey);
            channel.basicConsume(queue, true, (tag, delivery) -> onDelivery(delivery), tag -> {});
        }

        synchronized boolean busy() {
            return step != Step.IDLE;
        }

        /** A new conversation: DISCONNECTING (ends the last one, should the server still hold it), ALIVE. */
        synchronized void start() {
            startedAt = System.nanoTime();
            lastReplyAt = startedAt;
            step = Step.JOINING;
            try {
                publish(disconnecting);
                publish(alive);
            } catch (IOException | RuntimeException e) {
                errors.record("publish", e.toString());
                step = Step.IDLE;
            }
        }

        private void publish(byte[] body) throws IOException {
            channel.basicPublish(options.exchange, options.targetKey(), false, TEXT, body);
        }

        private synchronized void onDelivery(Delivery delivery) {
            String command = commandOf(new String(delivery.getBody(), StandardCharsets.UTF_8));
            if (command.equals("ABSOLUTELY")) {
                return; // the answer to ALIVE
            }
            long now = System.nanoTime();
            lastReplyAt = now;
            if (step == Step.IDLE) {
                errors.record("late_reply", command + " after the conversation ended");
                return;
            }
            if (!command.equals(step.expected)) {
                if (step == Step.JOINING) {
                    errors.record("stale_reply", command + " while joining"); // of a conversation given up
                    return;
                }
                errors.record("unexpected_reply", "expected " + step.expected + ", got " + command);
                restartOrStop();
                return;
            }
            try {
                if (step.next != null) {
                    publish(requests.get(step.next));
                    step = Step.valueOf(step.next);
                    return;
                }
                // BYE: the conversation is over; the client says so, as client-service does
                if (window.counts(now)) {
                    latencyMicros.recordValue(Math.min(
                            TimeUnit.NANOSECONDS.toMicros(now - startedAt), latencyMicros.getHighestTrackableValue()));
                }
                step = Step.IDLE;
                if (stopping || window.over(now)) {
                    publish(disconnecting);
                } else {
                    start(); // DISCONNECTING first, then ALIVE
                }
            } catch (IOException | RuntimeException e) {
                errors.record("publish", e.toString());
                step = Step.IDLE;
            }
        }

        private void restartOrStop() {
            if (stopping || window.over(System.nanoTime())) {
                step = Step.IDLE;
                try {
                    publish(disconnecting);
                } catch (IOException | RuntimeException e) {
                    // ending anyway
                }
            } else {
                start();
            }
        }

        synchronized void checkTimeout() {
            if (step != Step.IDLE
                    && System.nanoTime() - lastReplyAt > TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis)) {
                errors.record("timeout", "no " + step.expected + " within " + options.timeoutMillis + " ms");
                restartOrStop();
            }
        }
    }

    /** Failures by kind, with the first message of each. */
    static final class Errors {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        private final Map<String, String> first = new ConcurrentHashMap<>();

        void record(String kind, String message) {
            counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
            first.putIfAbsent(kind, message);
        }

        long total() {
            return counts.values().stream().mapToLong(LongAdder::sum).sum();
        }

        String describe() {
            if (counts.isEmpty()) {
                return "";
            }
            return " ("
                    + new TreeMap<>(counts)
                            .entrySet().stream()
                                    .map(e ->
                                            e.getKey() + "=" + e.getValue().sum() + ", first: " + first.get(e.getKey()))
                                    .collect(Collectors.joining("; "))
                    + ")";
        }
    }
}
