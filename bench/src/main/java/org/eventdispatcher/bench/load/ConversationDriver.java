package org.eventdispatcher.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One selector thread playing many clients, each a small state machine walking the
 * conversation: connect, HI, DAD→CLIMB, TOP→WHO, MOM→BYE, close, and again. A thread per
 * client would spend more CPU switching threads than the server spends answering, and the
 * two share the machine's cores.
 */
final class ConversationDriver implements Runnable {

    private static final byte[][] EXPECTED = {ascii("HI\n"), ascii("CLIMB\n"), ascii("WHO\n"), ascii("BYE\n")};
    private static final byte[][] NEXT_REQUEST = {ascii("DAD\n"), ascii("TOP\n"), ascii("MOM\n")};
    /** How often timeouts are checked and clients that failed are restarted (their pause after an error). */
    private static final long SWEEP_MILLIS = 100;

    private final SocketAddress target;
    private final long timeoutNanos;
    private final MeasurementWindow window;
    private final ErrorTally errors;
    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final Histogram latencyMicros = new Histogram(3);

    ConversationDriver(LoadOptions options, int clientCount, MeasurementWindow window, ErrorTally errors)
            throws IOException {
        this.target = options.target();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(options.timeoutMillis());
        this.window = window;
        this.errors = errors;
        this.selector = Selector.open();
        for (int i = 0; i < clientCount; i++) {
            clients.add(new Client());
        }
    }

    Histogram latencyMicros() {
        return latencyMicros;
    }

    @Override
    public void run() {
        clients.forEach(Client::begin);
        long hardStop = Long.MAX_VALUE;
        long nextSweep = System.nanoTime();
        try {
            while (true) {
                selector.select(this::advance, SWEEP_MILLIS);
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
                    clients.forEach(client -> client.sweep(now));
                }
                if (window.over(now)) {
                    // conversations under way may finish; none starts; stragglers are cut at the timeout
                    hardStop = Math.min(hardStop, now + timeoutNanos);
                    if (clients.stream().noneMatch(Client::active) || now - hardStop >= 0) {
                        break;
                    }
                }
            }
        } catch (IOException e) {
            errors.record(e);
        } finally {
            clients.forEach(Client::close);
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    private void advance(SelectionKey key) {
        Client client = (Client) key.attachment();
        try {
            if (key.isConnectable()) {
                client.connected();
            } else if (key.isReadable()) {
                client.readable();
            }
        } catch (IOException e) {
            client.fail(e);
        }
    }

    private final class Client {

        private final ByteBuffer in = ByteBuffer.allocate(1024);
        private SocketChannel channel;
        private SelectionKey key;
        private int step;
        private long startedAt;
        private long deadline;
        /** Set after a failure: the client starts over at the next sweep. */
        private boolean resting;

        boolean active() {
            return channel != null;
        }

        void begin() {
            resting = false;
            if (window.over(System.nanoTime())) {
                return;
            }
            startedAt = System.nanoTime();
            deadline = startedAt + timeoutNanos;
            step = 0;
            in.clear();
            try {
                if (target instanceof UnixDomainSocketAddress) {
                    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.configureBlocking(false);
                } else {
                    channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                }
                if (channel.connect(target)) {
                    key = channel.register(selector, SelectionKey.OP_READ, this);
                } else {
                    key = channel.register(selector, SelectionKey.OP_CONNECT, this);
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        void connected() throws IOException {
            channel.finishConnect();
            key.interestOps(SelectionKey.OP_READ);
            deadline = System.nanoTime() + timeoutNanos;
        }

        void readable() throws IOException {
            if (channel.read(in) < 0) {
                throw new EOFException("connection closed by the server while waiting for "
                        + ReplyReader.text(EXPECTED[step], 0, EXPECTED[step].length));
            }
            int newline;
            while ((newline = indexOfNewline()) >= 0) {
                byte[] expected = EXPECTED[step];
                if (!Arrays.equals(in.array(), 0, newline + 1, expected, 0, expected.length)) {
                    throw new UnexpectedReplyException("expected " + ReplyReader.text(expected, 0, expected.length)
                            + ", got " + ReplyReader.text(in.array(), 0, newline + 1));
                }
                in.flip().position(newline + 1);
                in.compact();
                if (step == NEXT_REQUEST.length) {
                    finished();
                    return;
                }
                send(NEXT_REQUEST[step++]);
            }
            if (!in.hasRemaining()) {
                throw new UnexpectedReplyException(
                        "expected " + ReplyReader.text(EXPECTED[step], 0, EXPECTED[step].length)
                                + ", got a line longer than " + in.capacity() + " bytes");
            }
        }

        private void send(byte[] request) throws IOException {
            // a few bytes into an empty socket buffer: a short write means something is badly wrong
            if (channel.write(ByteBuffer.wrap(request)) != request.length) {
                throw new IOException("short write of " + ReplyReader.text(request, 0, request.length));
            }
            deadline = System.nanoTime() + timeoutNanos;
        }

        private void finished() {
            long now = System.nanoTime();
            if (window.counts(now)) {
                latencyMicros.recordValue((now - startedAt) / 1000);
            }
            close();
            begin();
        }

        void fail(IOException failure) {
            errors.record(failure);
            close();
            resting = true;
        }

        void sweep(long now) {
            if (resting) {
                begin();
            } else if (channel != null && now - deadline > 0) {
                fail(new SocketTimeoutException(
                        "no " + ReplyReader.text(EXPECTED[step], 0, EXPECTED[step].length) + " within the timeout"));
            }
        }

        void close() {
            if (channel == null) {
                return;
            }
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
            channel = null;
            key = null;
        }

        private int indexOfNewline() {
            byte[] bytes = in.array();
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
