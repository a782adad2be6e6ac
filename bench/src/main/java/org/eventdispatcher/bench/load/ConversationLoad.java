package org.eventdispatcher.bench.load;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * N clients, each on its own thread, playing the whole example conversation again and again:
 * connect, HI, DAD→CLIMB, TOP→WHO, MOM→BYE, close. A conversation's latency runs from before
 * connect to the arrival of BYE.
 */
final class ConversationLoad {

    private static final byte[] HI = ascii("HI\n");
    private static final byte[] DAD = ascii("DAD\n");
    private static final byte[] CLIMB = ascii("CLIMB\n");
    private static final byte[] TOP = ascii("TOP\n");
    private static final byte[] WHO = ascii("WHO\n");
    private static final byte[] MOM = ascii("MOM\n");
    private static final byte[] BYE = ascii("BYE\n");

    /** After a failure, a client pauses so that a dead server is not hammered in a tight loop. */
    private static final long PAUSE_AFTER_ERROR_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private ConversationLoad() {
    }

    static LoadReport run(LoadOptions options) throws InterruptedException {
        ErrorTally errors = new ErrorTally();
        MeasurementWindow window = new MeasurementWindow(options.warmupSeconds(), options.seconds());
        List<Histogram> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            Histogram micros = new Histogram(3);
            latencies.add(micros);
            Thread thread = new Thread(() -> converse(options, window, micros, errors), "conversation-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        // one conversation is at most a connect and four replies, each bounded by the timeout
        long joinDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) (options.warmupSeconds() + options.seconds()) + 1)
                + TimeUnit.MILLISECONDS.toNanos(6L * options.timeoutMillis());
        for (Thread thread : threads) {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, joinDeadline - System.nanoTime()));
        }
        Histogram all = new Histogram(3);
        latencies.forEach(all::add);
        long conversations = all.getTotalCount();
        double perSecond = conversations / window.seconds();
        String summary = String.format("conversation: %d clients, %.0f s: %.0f conversations/s, latency p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d errors",
                options.clients(), window.seconds(), perSecond, millis(all, 50), millis(all, 99), all.getMaxValue() / 1000.0, errors.total());
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

    private static void converse(LoadOptions options, MeasurementWindow window, Histogram micros, ErrorTally errors) {
        ReplyReader reader = new ReplyReader();
        while (!window.over(System.nanoTime())) {
            long start = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(options.timeoutMillis());
                socket.connect(options.target(), options.timeoutMillis());
                OutputStream out = socket.getOutputStream();
                reader.on(socket.getInputStream());
                reader.expect(HI);
                out.write(DAD);
                reader.expect(CLIMB);
                out.write(TOP);
                reader.expect(WHO);
                out.write(MOM);
                reader.expect(BYE);
                long finished = System.nanoTime();
                if (window.counts(finished)) {
                    micros.recordValue((finished - start) / 1000);
                }
            } catch (IOException e) {
                errors.record(e);
                LockSupport.parkNanos(PAUSE_AFTER_ERROR_NANOS);
            }
        }
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
