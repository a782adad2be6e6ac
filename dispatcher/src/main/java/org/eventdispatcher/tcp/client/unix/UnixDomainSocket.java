package org.eventdispatcher.tcp.client.unix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketImpl;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eventdispatcher.protocol.transport.UnixPath;

/**
 * A connected Unix-domain stream socket (Java 16+: a {@link SocketChannel} of
 * {@link StandardProtocolFamily#UNIX}) dressed as the {@link Socket} that Spring Integration's
 * {@code TcpNetConnection} reads on its thread and writes on the sender's. The channel stays in
 * blocking mode: a read waits on the kernel and uses no CPU; {@link #close()} from any thread ends a
 * read or write stuck on it at once (which is how the client gives up on a silent server).
 *
 * <p>Its streams are {@link ChannelStreams}, which never wait for each other.
 *
 * <p>What TCP has and a local socket has not (no delay, keep-alive, traffic class) is accepted and
 * ignored, as the framework sets it on every socket; a read timeout is refused: nothing here would
 * honour it, and the client bounds its reads with its own stall timeout and heartbeat. The methods
 * the framework calls are answered here; there is no {@code SocketImpl} behind it for the others.
 */
public final class UnixDomainSocket extends Socket {

    private final SocketChannel channel;
    private final UnixPath path;
    private final InputStream in;
    private final OutputStream out;
    private volatile boolean inputShutdown;
    private volatile boolean outputShutdown;

    private UnixDomainSocket(SocketChannel channel, UnixPath path) throws SocketException {
        super((SocketImpl) null); // no TCP socket behind it: every method used is answered here
        this.channel = channel;
        this.path = path;
        this.in = ChannelStreams.input(channel, this);
        this.out = ChannelStreams.output(channel, this);
    }

    /**
     * Connects to the socket at {@code path}, without waiting: the connect is made non-blocking, and a
     * Unix socket's is done or refused at once (a server whose backlog is full refuses with "Resource
     * temporarily unavailable" where a blocking connect would wait). One left under way all the
     * same is taken as refused: the reconnect schedule tries again, no thread waits on the server.
     *
     * @throws ConnectException when no socket file is there, or no server listens on it: refused,
     *                          as a TCP port no one listens on
     */
    public static UnixDomainSocket connect(UnixPath path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.configureBlocking(false);
            if (!channel.connect(UnixDomainSocketAddress.of(path.path()))) {
                throw new ConnectException("Connection refused: " + path + " takes no connection now");
            }
            channel.configureBlocking(true);
            return new UnixDomainSocket(channel, path);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (e instanceof SocketException
                    && !(e instanceof ConnectException)
                    && !Files.exists(Path.of(path.path()))) {
                throw new ConnectException("Connection refused: no socket file");
            }
            throw e;
        }
    }

    /** The address it was opened with. */
    public UnixPath path() {
        return path;
    }

    @Override
    public SocketChannel getChannel() {
        return channel;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return in;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public boolean isConnected() {
        return true; // made connected, and a socket stays connected once closed, as java.net.Socket
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
        inputShutdown = true;
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
        outputShutdown = true;
    }

    @Override
    public boolean isInputShutdown() {
        return inputShutdown;
    }

    @Override
    public boolean isOutputShutdown() {
        return outputShutdown;
    }

    /** No IP address: the connection names its server by {@link #path()}. */
    @Override
    public InetAddress getInetAddress() {
        return null;
    }

    @Override
    public InetAddress getLocalAddress() {
        return null;
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return UnixDomainSocketAddress.of(path.path());
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        try {
            return channel.getLocalAddress();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        if (timeout != 0) {
            throw new SocketException("a Unix socket here takes no read timeout (" + timeout + " ms asked)");
        }
    }

    @Override
    public int getSoTimeout() {
        return 0;
    }

    @Override
    public void setSendBufferSize(int size) throws SocketException {
        set(StandardSocketOptions.SO_SNDBUF, size);
    }

    @Override
    public int getSendBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_SNDBUF);
    }

    @Override
    public void setReceiveBufferSize(int size) throws SocketException {
        set(StandardSocketOptions.SO_RCVBUF, size);
    }

    @Override
    public int getReceiveBufferSize() throws SocketException {
        return get(StandardSocketOptions.SO_RCVBUF);
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        set(StandardSocketOptions.SO_LINGER, on ? linger : -1);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return get(StandardSocketOptions.SO_LINGER);
    }

    /** No Nagle on a local socket: accepted, as the framework sets it on every socket. */
    @Override
    public void setTcpNoDelay(boolean on) {}

    @Override
    public boolean getTcpNoDelay() {
        return true;
    }

    @Override
    public void setKeepAlive(boolean on) {}

    @Override
    public boolean getKeepAlive() {
        return false;
    }

    @Override
    public void setTrafficClass(int trafficClass) {}

    @Override
    public int getTrafficClass() {
        return 0;
    }

    @Override
    public String toString() {
        return "UnixDomainSocket[" + path + (isClosed() ? ", closed" : "") + "]";
    }

    private <T> void set(SocketOption<T> option, T value) throws SocketException {
        try {
            channel.setOption(option, value);
        } catch (IOException e) {
            throw asSocketException(e);
        }
    }

    private int get(SocketOption<Integer> option) throws SocketException {
        try {
            return channel.getOption(option);
        } catch (IOException e) {
            throw asSocketException(e);
        }
    }

    private static SocketException asSocketException(IOException e) {
        if (e instanceof SocketException socket) {
            return socket;
        }
        SocketException failed = new SocketException(e.getMessage());
        failed.initCause(e);
        return failed;
    }
}
