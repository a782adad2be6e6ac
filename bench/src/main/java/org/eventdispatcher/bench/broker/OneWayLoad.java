package org.eventdispatcher.bench.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One publisher sending {@code <target>/DAD} without a sender (dispatched, never answered) as fast
 * as the broker confirms it, batch by batch, pausing while the server's queue holds more than
 * {@code --max-backlog} ready messages (past 10 000 the queue drops its oldest, which would go
 * uncounted). The figure is what the server says it received (its Prometheus counter) over the
 * window; after the window the run waits for the queue to drain and reports any message that was
 * confirmed but never counted.
 */
final class OneWayLoad {

    private static final String METRIC = "eventdispatcher_messages_received_total{";
    private static final Duration DRAIN_WITHIN = Duration.ofSeconds(20);

    private OneWayLoad() {}

    static BrokerLoad.Result run(BrokerLoad.Options options)
            throws IOException, TimeoutException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI prometheus = URI.create("http://127.0.0.1:" + options.managementPort + "/actuator/prometheus");
        byte[] body = (options.target + "/DAD").getBytes(StandardCharsets.UTF_8);
        AtomicLong confirmed = new AtomicLong();
        AtomicLong pauses = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (Connection connection = BrokerConversations.factory(options).newConnection("bench-broker-oneway")) {
            Channel publisher = connection.createChannel();
            Channel watcher = connection.createChannel();
            publisher.confirmSelect();
            double receivedAtStart = received(http, prometheus);
            Window window = new Window(options.warmup, options.seconds);
            Thread publishing = new Thread(
                    () -> {
                        try {
                            while (!window.over(System.nanoTime())) {
                                for (int i = 0; i < options.batch; i++) {
                                    publisher.basicPublish(
                                            options.exchange,
                                            options.targetKey(),
                                            false,
                                            BrokerConversations.TEXT,
                                            body);
                                }
                                publisher.waitForConfirmsOrDie(10_000);
                                confirmed.addAndGet(options.batch);
                                while (watcher.queueDeclarePassive(options.targetQueue())
                                                .getMessageCount()
                                        > options.maxBacklog - options.batch) {
                                    pauses.incrementAndGet();
                                    Thread.sleep(1);
                                }
                            }
                        } catch (IOException | TimeoutException | InterruptedException | RuntimeException e) {
                            failure.set(e);
                        }
                    },
                    "broker-load-publisher");
            publishing.start();
            window.awaitStart();
            CpuTimes cpuBefore = CpuTimes.sample(options.brokerPid, options.serverPid);
            long confirmedBefore = confirmed.get();
            double receivedBefore = received(http, prometheus);
            window.awaitEnd();
            CpuTimes cpuAfter = CpuTimes.sample(options.brokerPid, options.serverPid);
            long confirmedAfter = confirmed.get();
            double receivedAfter = received(http, prometheus);
            publishing.join(TimeUnit.SECONDS.toMillis(30));
            // drained: the queue is empty and the server's count has caught up or stopped moving
            long deadline = System.nanoTime() + DRAIN_WITHIN.toNanos();
            double receivedAtEnd = received(http, prometheus);
            while (System.nanoTime() - deadline < 0 && receivedAtEnd - receivedAtStart < confirmed.get()) {
                Thread.sleep(100);
                double now = received(http, prometheus);
                if (now == receivedAtEnd
                        && watcher.queueDeclarePassive(options.targetQueue()).getMessageCount() == 0) {
                    break;
                }
                receivedAtEnd = now;
            }
            long lost = Math.max(0, confirmed.get() - (long) (receivedAtEnd - receivedAtStart));
            double seconds = window.seconds();
            double rate = (receivedAfter - receivedBefore) / seconds;
            double publishRate = (confirmedAfter - confirmedBefore) / seconds;
            CpuTimes.Window cpu = cpuBefore.until(cpuAfter);
            Exception failed = failure.get();
            String summary = String.format(
                    Locale.ROOT,
                    "broker one-way: %.0f s: the server received %.0f DAD/s (%.0f/s confirmed by the broker), %d published in all, "
                            + "%d not counted by the server after draining, %d pauses for the queue's backlog%s; "
                            + "CPU over the window: broker %.2f s, server %.2f s, load generator %.2f s",
                    seconds,
                    rate,
                    publishRate,
                    confirmed.get(),
                    lost,
                    pauses.get(),
                    failed == null ? "" : "; publisher failed: " + failed,
                    cpu.broker(),
                    cpu.server(),
                    cpu.self());
            return new BrokerLoad.Result(summary, rate > 0)
                    .with("mode", "oneway")
                    .with("seconds", seconds)
                    .with("received_per_s", rate)
                    .with("confirmed_per_s", publishRate)
                    .with("published", confirmed.get())
                    .with("lost", lost)
                    .with("errors", failed == null ? 0 : 1)
                    .with(cpu);
        }
    }

    /** The server's count of amqp DAD messages received: the sum of the matching Prometheus series. */
    private static double received(HttpClient http, URI prometheus) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(prometheus)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(prometheus + " answered " + response.statusCode());
        }
        double total = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(METRIC) && line.contains("command=\"DAD\"") && line.contains("transport=\"amqp\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
