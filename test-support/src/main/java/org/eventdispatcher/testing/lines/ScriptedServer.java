package org.eventdispatcher.testing.lines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server written for one test: plain sockets on 127.0.0.1, one script per connection it
 * accepts, in order. What goes wrong in a script is kept for the test to assert; every read has a
 * timeout, so a silent client cannot hang the test.
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

    private final ServerSocket socket;
    private final List<Script> scripts;
    private final Thread thread;
    public final List<String> transcript = new CopyOnWriteArrayList<>();
    public final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private ScriptedServer(ServerSocket socket, List<Script> scripts) {
        this.socket = socket;
        this.scripts = List.copyOf(scripts);
        this.thread = new Thread(this::serve, "scripted-server-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Listens on {@code port} (0: any) and plays one script per accepted connection. */
    public static ScriptedServer start(int port, Script... scripts) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        ScriptedServer server = new ScriptedServer(socket, List.of(scripts));
        server.thread.start();
        return server;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** True once every script has run to its end. */
    public boolean finished() {
        return !thread.isAlive();
    }

    private void serve() {
        for (int i = 0; i < scripts.size(); i++) {
            try (Socket accepted = socket.accept()) {
                accepted.setSoTimeout(20_000);
                transcript.add("connection " + (i + 1));
                scripts.get(i).run(new Connection(accepted));
            } catch (SocketException e) {
                if (socket.isClosed()) {
                    return; // the test is over
                }
                failures.add(e);
            } catch (IOException | RuntimeException | AssertionError e) {
                failures.add(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One accepted connection, as a script sees it. */
    public final class Connection {

        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            this.out = socket.getOutputStream();
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
    }
}
