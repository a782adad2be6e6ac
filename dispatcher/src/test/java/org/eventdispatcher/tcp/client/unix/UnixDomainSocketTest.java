package org.eventdispatcher.tcp.client.unix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's Unix socket against a real one: refused as TCP is, and reading never holds up writing. */
class UnixDomainSocketTest {

    @TempDir
    Path directory;

    private Path file;
    private ServerSocketChannel server;

    @BeforeEach
    void listen() throws IOException {
        file = directory.resolve("server.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(file));
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void aMissingSocketFileIsRefusedAsATcpPortNoOneListensOn() {
        UnixPath missing = new UnixPath(directory.resolve("missing.sock").toString());

        assertThatThrownBy(() -> UnixDomainSocket.connect(missing))
                .isInstanceOf(ConnectException.class)
                .hasMessage("Connection refused: no socket file");
    }

    @Test
    void aSocketFileNoOneListensOnIsRefused() throws IOException {
        server.close(); // the file stays, as a dead daemon leaves it

        assertThatThrownBy(() -> UnixDomainSocket.connect(new UnixPath(file.toString())))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("Connection refused");
    }

    @Test
    void aLineIsWrittenWhileAReadWaitsForTheServer() throws Exception {
        try (UnixDomainSocket socket = UnixDomainSocket.connect(new UnixPath(file.toString()));
                SocketChannel accepted = server.accept()) {
            CompletableFuture<Integer> read = new CompletableFuture<>();
            Thread reader = readInto(socket.getInputStream(), read);
            await().until(() -> isReadingTheChannel(reader));

            // on another thread: should the write wait for the read, the test fails rather than hangs
            CompletableFuture.runAsync(() -> write(socket, "HELLO\n")).get(10, TimeUnit.SECONDS);
            ByteBuffer line = ByteBuffer.allocate(6);
            while (line.hasRemaining() && accepted.read(line) >= 0) {
                // the whole line, however the kernel cuts it
            }
            assertThat(new String(line.array(), StandardCharsets.US_ASCII)).isEqualTo("HELLO\n");

            accepted.write(ByteBuffer.wrap(new byte[] {'A'}));
            assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo('A');
        }
    }

    @Test
    void closingEndsAReadThatWaitsAtOnce() throws Exception {
        try (UnixDomainSocket socket = UnixDomainSocket.connect(new UnixPath(file.toString()));
                SocketChannel accepted = server.accept()) {
            CompletableFuture<Integer> read = new CompletableFuture<>();
            Thread reader = readInto(socket.getInputStream(), read);
            await().until(() -> isReadingTheChannel(reader));

            socket.close();

            assertThatThrownBy(() -> read.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class);
            assertThat(socket.isClosed()).isTrue();
        }
    }

    private static void write(UnixDomainSocket socket, String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread readInto(InputStream in, CompletableFuture<Integer> read) {
        Thread reader = new Thread(() -> {
            try {
                read.complete(in.read());
            } catch (IOException e) {
                read.completeExceptionally(e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static boolean isReadingTheChannel(Thread reader) {
        return Arrays.stream(reader.getStackTrace())
                .anyMatch(frame -> frame.getClassName().endsWith("SocketChannelImpl")
                        && frame.getMethodName().equals("read"));
    }
}
