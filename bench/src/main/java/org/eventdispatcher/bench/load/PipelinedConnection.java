package org.eventdispatcher.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One pipelined connection: a writer thread sends as many {@code DAD} lines as the window has
 * room for in one write; a reader thread counts {@code CLIMB} replies in big reads and gives the
 * room back. Stopping sends nothing more and waits, bounded, for the replies still due, so the
 * connection closes cleanly rather than with unread data.
 */
final class PipelinedConnection {

    private static final byte[] HI = "HI\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLIMB = "CLIMB\n".getBytes(StandardCharsets.US_ASCII);
    /** The reader wakes this often to notice the end; a stall is only an error after the full timeout. */
    private static final int READ_SLICE_MILLIS = 100;

    private final Socket socket;
    private final Semaphore room;
    private final byte[] requests;
    private final int timeoutMillis;
    private final ErrorTally errors;
    private final Thread writer;
    private final Thread reader;

    private volatile boolean stopping;
    private volatile boolean writerDone;
    private volatile long sent;
    private volatile long received;

    /** One request line with its line feed. */
    private final int requestLength;

    /** @param request the line sent, {@code DAD} or a {@code DAD} with parameters, answered {@code CLIMB} */
    PipelinedConnection(Socket socket, String request, int window, int timeoutMillis, ErrorTally errors, int index) {
        this.socket = socket;
        this.room = new Semaphore(window);
        byte[] line = (request + "\n").getBytes(StandardCharsets.UTF_8);
        this.requestLength = line.length;
        this.requests = new byte[window * line.length];
        for (int i = 0; i < window; i++) {
            System.arraycopy(line, 0, requests, i * line.length, line.length);
        }
        this.timeoutMillis = timeoutMillis;
        this.errors = errors;
        this.writer = new Thread(this::write, "pipelined-writer-" + index);
        this.reader = new Thread(this::read, "pipelined-reader-" + index);
        writer.setDaemon(true);
        reader.setDaemon(true);
    }

    void start() {
        reader.start();
        writer.start();
    }

    long received() {
        return received;
    }

    void stop() {
        stopping = true;
    }

    void awaitStopped() throws InterruptedException {
        writer.join(timeoutMillis + 1000L);
        reader.join(timeoutMillis + 1000L);
        try {
            socket.close(); // also frees a thread still blocked on the socket
        } catch (IOException ignored) {
            // closing is best effort
        }
        writer.join(1000);
        reader.join(1000);
    }

    private void write() {
        try {
            OutputStream out = socket.getOutputStream();
            while (!stopping) {
                int lines = room.drainPermits();
                if (lines == 0) {
                    if (!room.tryAcquire(READ_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    lines = 1 + room.drainPermits();
                }
                out.write(requests, 0, lines * requestLength);
                sent += lines;
            }
        } catch (IOException e) {
            if (!stopping) {
                errors.record(e);
                stopping = true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            writerDone = true;
        }
    }

    private void read() {
        byte[] buffer = new byte[64 * 1024];
        byte[] expected = HI;
        int matched = 0;
        long quietSince = System.nanoTime();
        try (InputStream in = socket.getInputStream()) {
            socket.setSoTimeout(READ_SLICE_MILLIS);
            while (!(writerDone && received == sent)) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (sent > received
                            && System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                        throw new SocketTimeoutException(
                                "no reply for " + timeoutMillis + " ms with " + (sent - received) + " DAD in flight");
                    }
                    continue;
                }
                if (read < 0) {
                    throw new EOFException(
                            "connection closed by the server with " + (sent - received) + " DAD in flight");
                }
                quietSince = System.nanoTime();
                int lines = 0;
                for (int i = 0; i < read; i++) {
                    if (buffer[i] != expected[matched]) {
                        throw new UnexpectedReplyException(
                                "expected " + ReplyReader.text(expected, 0, expected.length) + ", got "
                                        + ReplyReader.text(buffer, Math.max(0, i - matched), Math.min(read, i + 40)));
                    }
                    if (++matched == expected.length) {
                        matched = 0;
                        if (expected == CLIMB) {
                            lines++;
                        }
                        expected = CLIMB;
                    }
                }
                received += lines;
                room.release(lines);
            }
        } catch (IOException e) {
            if (!(stopping && socket.isClosed())) {
                errors.record(e);
            }
            stopping = true;
        }
    }
}
