package org.eventdispatcher.bench.load;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens K connections, reads each one's HI, then holds them all without sending anything for
 * T seconds: what a server costs in memory and CPU while many clients are connected and quiet.
 * Each connection takes a file descriptor and, over loopback, an ephemeral port in this process.
 * With {@code --line-bytes}, each first sends one long line and reads its answer: what a server
 * keeps of connections that were busy once.
 */
final class IdleLoad {

    private static final byte[] HI = "HI\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIMB = "CLIMB\n".getBytes(StandardCharsets.US_ASCII);

    private IdleLoad() {}

    static LoadReport run(LoadOptions options) throws InterruptedException {
        ErrorTally errors = new ErrorTally();
        long pid = options.serverPid();
        ProcessSample before = pid > 0 ? ProcessSample.of(pid) : null;
        Socket[] sockets = new Socket[options.connections()];
        long openStart = System.nanoTime();
        openAll(options, sockets, errors);
        double openSeconds = (System.nanoTime() - openStart) / 1e9;
        long open = Arrays.stream(sockets).filter(Objects::nonNull).count();
        ProcessSample afterOpen = pid > 0 ? ProcessSample.of(pid) : null;
        new MeasurementWindow(0, options.seconds()).awaitEnd();
        ProcessSample afterHold = pid > 0 ? ProcessSample.of(pid) : null;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        String summary = String.format(
                "idle: %d of %d connections open in %.2f s%s, held %.0f s, %d errors",
                open,
                sockets.length,
                openSeconds,
                options.lineBytes() > 0 ? " (each sent one " + options.lineBytes() + "-byte line)" : "",
                options.seconds(),
                errors.total());
        if (pid > 0) {
            summary += String.format(
                    ", server RSS %d KiB before, %d KiB after holding, %d ms CPU while held",
                    before.rssKiB(), afterHold.rssKiB(), afterHold.cpuMillis() - afterOpen.cpuMillis());
        }
        LoadReport report = new LoadReport(summary, errors, open)
                .with("mode", "idle")
                .with("connections", sockets.length)
                .with("open", open)
                .with("open_s", openSeconds)
                .with("seconds", options.seconds());
        if (pid > 0) {
            report.with("rss_before_kb", before.rssKiB())
                    .with("rss_open_kb", afterOpen.rssKiB())
                    .with("rss_hold_kb", afterHold.rssKiB())
                    .with("cpu_hold_ms", afterHold.cpuMillis() - afterOpen.cpuMillis());
        }
        return report;
    }

    /** A few threads open the connections in parallel; each waits for its HI before the next. */
    private static void openAll(LoadOptions options, Socket[] sockets, ErrorTally errors) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> openers = new ArrayList<>();
        for (int t = 0; t < Math.min(options.openers(), sockets.length); t++) {
            byte[] line = options.lineBytes() > 0 ? longLine(options.lineBytes()) : null;
            Thread opener = new Thread(
                    () -> {
                        ReplyReader reader = new ReplyReader();
                        int i;
                        while ((i = next.getAndIncrement()) < sockets.length) {
                            Socket socket = new Socket();
                            try {
                                socket.setSoTimeout(options.timeoutMillis());
                                socket.connect(options.tcpTarget(), options.timeoutMillis());
                                reader.on(socket.getInputStream()).expect(HI);
                                if (line != null) {
                                    socket.getOutputStream().write(line);
                                    reader.expect(CLIMB);
                                }
                                sockets[i] = socket;
                            } catch (IOException e) {
                                errors.record(e);
                                closeQuietly(socket);
                            }
                        }
                    },
                    "idle-opener-" + t);
            opener.setDaemon(true);
            openers.add(opener);
            opener.start();
        }
        // each connection is bounded by a connect and a read timeout
        long perOpener = (sockets.length / openers.size() + 1) * 2L * options.timeoutMillis();
        for (Thread opener : openers) {
            TimeUnit.MILLISECONDS.timedJoin(opener, perOpener);
        }
    }

    /** {@code DAD padding=xxx...\n}, {@code bytes} long without its line feed. */
    private static byte[] longLine(int bytes) {
        String head = "DAD padding=";
        return (head + "x".repeat(bytes - head.length()) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeQuietly(Socket socket) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
    }
}
