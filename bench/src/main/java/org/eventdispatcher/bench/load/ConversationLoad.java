package org.eventdispatcher.bench.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * N clients playing the whole example conversation again and again, spread over a few
 * selector threads. A conversation's latency runs from the start of connect to the arrival of BYE.
 */
final class ConversationLoad {

    private ConversationLoad() {}

    static LoadReport run(LoadOptions options) throws InterruptedException {
        ErrorTally errors = new ErrorTally();
        MeasurementWindow window =
                new MeasurementWindow(options.warmupSeconds(), options.seconds(), options.conversations());
        int threads = Math.min(options.clientThreads(), options.clients());
        List<ConversationDriver> drivers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            // clients dealt evenly: the first (clients % threads) drivers take one more
            int share = options.clients() / threads + (t < options.clients() % threads ? 1 : 0);
            try {
                ConversationDriver driver = new ConversationDriver(options, share, window, errors);
                Thread thread = new Thread(driver, "conversation-driver-" + t);
                thread.setDaemon(true);
                thread.start();
                drivers.add(driver);
                running.add(thread);
            } catch (IOException e) {
                errors.record(e);
            }
        }
        // drivers stop by themselves one timeout after the window; this bound only guards against a bug
        long bound = TimeUnit.SECONDS.toMillis((long) Math.ceil(options.warmupSeconds() + options.seconds()))
                + 2L * options.timeoutMillis()
                + 1000;
        long deadline = System.currentTimeMillis() + bound;
        for (Thread thread : running) {
            thread.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        Histogram all = new Histogram(3);
        drivers.forEach(driver -> all.add(driver.latencyMicros()));
        long conversations = all.getTotalCount();
        double perSecond = conversations / window.seconds();
        String summary = String.format(
                "conversation: %d clients on %d thread(s), %.0f s: %.0f conversations/s, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d errors",
                options.clients(),
                threads,
                window.seconds(),
                perSecond,
                millis(all, 50),
                millis(all, 99),
                all.getMaxValue() / 1000.0,
                errors.total());
        return new LoadReport(summary, errors, conversations)
                .with("mode", "conversation")
                .with("clients", options.clients())
                .with("seconds", window.seconds())
                .with("conversations", conversations)
                .with("conv_per_s", perSecond)
                .with("p50_ms", millis(all, 50))
                .with("p99_ms", millis(all, 99))
                .with("max_ms", all.getMaxValue() / 1000.0);
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }
}
