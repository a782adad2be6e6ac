package org.eventdispatcher.testing.lines;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A server written for one test: plain sockets on 127.0.0.1, or a Unix-domain socket, one script
 * per connection it accepts, in order. What goes wrong in a script is kept for the test to assert;
 * every read has a timeout (on a Unix socket, which has none, the connection has a deadline), so a
 * silent client cannot hang the test.
 */
public final class ScriptedServer implements AutoCloseable {

    /** What the server does with one connection. */
    @FunctionalInterface
    public interface Script {
        void run(Connection connection) throws IOException;
    }

    /** The server's conversation with a well-behaved client, up to the client closing after BYE. */
    public static final Script FULL_CONVERSATION = connection -> {
        connection.send("HI");
        connection.expect("DAD");
        connection.send("CLIMB");
        connection.expect("TOP");
        connection.send("WHO");
        connection.expect("MOM");
        connection.send("BYE");
        connection.expectClosedByClient();
    };

    /**
     * The same, answering every {@code ALIVE} the client sends meanwhile: for a client whose short
     * heartbeat may probe any pause of this server (a loaded machine's), which no speed can rule out.
     */
    public static final Script FULL_CONVERSATION_ANSWERING_ALIVE = connection -> {
        connection.send("HI");
        connection.expectAnsweringAlive("DAD");
        connection.send("CLIMB");
        connection.expectAnsweringAlive("TOP");
        connection.send("WHO");
        connection.expectAnsweringAlive("MOM");
        connection.send("BYE");
        connection.expectAnsweringAlive(null);
        connection.transcript("closed by the client");
    };

    /** How long a read may wait on TCP; on a Unix socket, how long a connection may last. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    /** Where connections come from: a TCP or a Unix server socket. */
    private interface Listener extends Closeable {
        Connection accept(ScriptedServer server) throws IOException;

        boolean isClosed();
    }

    private final Listener listener;
    private final int port;
    private final Path socketFile;
    private final List<Script> scripts;
    private final Thread thread;
    public final List<String> transcript = new CopyOnWriteArrayList<>();
    public final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private ScriptedServer(Listener listener, int port, Path socketFile, List<Script> scripts) {
        this.listener = listener;
        this.port = port;
        this.socketFile = socketFile;
        this.scripts = List.copyOf(scripts);
        this.thread = new Thread(this::serve, "scripted-server-" + (socketFile != null ? socketFile : port));
        this.thread.setDaemon(true);
    }

    /** Listens on {@code port} (0: any) and plays one script per accepted connection. */
    public static ScriptedServer start(int port, Script... scripts) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        ScriptedServer server =
                new ScriptedServer(new TcpListener(socket), socket.getLocalPort(), null, List.of(scripts));
        server.thread.start();
        return server;
    }

    /**
     * Listens on a Unix-domain socket at {@code socketFile} (which must not exist) and plays one
     * script per accepted connection; the file is removed on {@link #close()}.
     */
    public static ScriptedServer startUnix(Path socketFile, Script... scripts) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socketFile));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        ScriptedServer server = new ScriptedServer(new UnixListener(channel), -1, socketFile, List.of(scripts));
        server.thread.start();
        return server;
    }

    /** The TCP port; -1 on a Unix socket. */
    public int port() {
        return port;
    }

    /** As a client's {@code --server} names it: {@code 127.0.0.1:port} or {@code unix:/path}. */
    public String address() {
        return socketFile != null ? "unix:" + socketFile : "127.0.0.1:" + port;
    }

    /** True once every script has run to its end. */
    public boolean finished() {
        return !thread.isAlive();
    }

    private void serve() {
        for (int i = 0; i < scripts.size(); i++) {
            Connection accepted = null;
            try {
                accepted = listener.accept(this);
                transcript.add("connection " + (i + 1));
                scripts.get(i).run(accepted);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return; // the test is over
                }
                failures.add(e);
            } catch (RuntimeException | AssertionError e) {
                failures.add(e);
            } finally {
                if (accepted != null) {
                    accepted.release();
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (socketFile != null) {
            Files.deleteIfExists(socketFile);
        }
    }

    private static final class TcpListener implements Listener {

        private final ServerSocket socket;

        TcpListener(ServerSocket socket) {
            this.socket = socket;
        }

        @Override
        public Connection accept(ScriptedServer server) throws IOException {
            Socket accepted = socket.accept();
            accepted.setSoTimeout(READ_TIMEOUT_MILLIS);
            return server.new Connection(accepted.getInputStream(), accepted.getOutputStream(), accepted, null);
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Reads and writes on the script's one thread, so the channel's own streams will do. */
    private static final class UnixListener implements Listener {

        private final ServerSocketChannel channel;
        private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "scripted-server-deadlines");
            thread.setDaemon(true);
            return thread;
        });

        UnixListener(ServerSocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public Connection accept(ScriptedServer server) throws IOException {
            SocketChannel accepted = channel.accept();
            ScheduledFuture<?> deadline =
                    deadlines.schedule(() -> quietly(accepted), READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            return server
            .new Connection(Channels.newInputStream(accepted), Channels.newOutputStream(accepted), accepted, deadline);
        }

        @Override
        public boolean isClosed() {
            return !channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            deadlines.shutdownNow();
            channel.close();
        }

        private static void quietly(Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }

    /** One accepted connection, as a script sees it. */
    public final class Connection {

        private final Closeable socket;
        private final BufferedReader in;
        private final OutputStream out;
        private final ScheduledFuture<?> deadline;

        Connection(InputStream in, OutputStream out, Closeable socket, ScheduledFuture<?> deadline) {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            this.out = out;
            this.deadline = deadline;
        }

        public void send(String line) throws IOException {
            transcript.add("server: " + line);
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        public String receive() throws IOException {
            String line = in.readLine();
            transcript.add("client: " + line);
            return line;
        }

        public void expect(String line) throws IOException {
            String received = receive();
            if (!line.equals(received)) {
                throw new AssertionError("expected \"" + line + "\" from the client, got \"" + received + "\"");
            }
        }

        /** Expects {@code line} (null: the client's close), answering ABSOLUTELY to each ALIVE before it. */
        public void expectAnsweringAlive(String line) throws IOException {
            String received = in.readLine();
            while ("ALIVE".equals(received)) {
                transcript.add("client: ALIVE");
                send("ABSOLUTELY");
                received = in.readLine();
            }
            if (received != null) {
                transcript.add("client: " + received);
            }
            if (line == null ? received != null : !line.equals(received)) {
                throw new AssertionError("expected \"" + line + "\" from the client, got \"" + received + "\"");
            }
        }

        void transcript(String event) {
            transcript.add(event);
        }

        public void expectStartingWith(String prefix) throws IOException {
            String received = receive();
            if (received == null || !received.startsWith(prefix)) {
                throw new AssertionError("expected \"" + prefix + "...\" from the client, got \"" + received + "\"");
            }
        }

        /** Waits, up to the read timeout, for the client to close its end. */
        public void expectClosedByClient() throws IOException {
            String line = in.readLine();
            if (line != null) {
                throw new AssertionError("expected the client to close the connection, got \"" + line + "\"");
            }
            transcript.add("closed by the client");
        }

        public void close() throws IOException {
            transcript.add("closed by the server");
            socket.close();
        }

        /** The script is over: the socket is closed, if it was not, and its deadline forgotten. */
        void release() {
            if (deadline != null) {
                deadline.cancel(false);
            }
            try {
                socket.close();
            } catch (IOException e) {
                // closed anyway
            }
        }
    }
}
