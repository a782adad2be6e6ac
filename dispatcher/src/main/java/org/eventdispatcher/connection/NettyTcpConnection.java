package org.eventdispatcher.connection;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.SocketInfo;
import org.springframework.integration.ip.tcp.connection.TcpConnectionSupport;
import org.springframework.integration.ip.tcp.connection.TcpListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;

import javax.net.ssl.SSLSession;

/**
 * One accepted connection as Spring Integration sees it: the inbound adapter hears its lines, the
 * outbound adapter sends through it, and it publishes the open, close and exception events. The
 * socket is a Netty channel; the {@link ConnectionBridge} in its pipeline calls this class.
 */
final class NettyTcpConnection extends TcpConnectionSupport implements ServerConnection {

    /** Replies waiting for a peer that does not read, beyond which it is dropped. */
    static final int MAX_PENDING = 1024 * 1024;

    private final Channel channel;
    private final String connectionId;
    private final String hostAddress;
    private final int port;
    private final String peerAddress;
    private final String factoryName;
    private volatile boolean closing;
    private volatile boolean slowReaderReported;
    /** The line being handed to the listener; the message mapper takes it from here. */
    private byte @Nullable [] payload;

    NettyTcpConnection(Channel channel, @Nullable ApplicationEventPublisher publisher, String factoryName) {
        super(publisher);
        this.channel = channel;
        this.factoryName = factoryName;
        SocketAddress remote = channel.remoteAddress();
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            this.hostAddress = inet.getAddress().getHostAddress();
            this.port = inet.getPort();
        } else {
            this.hostAddress = String.valueOf(remote);
            this.port = 0;
        }
        this.peerAddress = new HostPort(hostAddress, port).toString();
        int localPort = channel.localAddress() instanceof InetSocketAddress local ? local.getPort() : 0;
        this.connectionId = hostAddress + ":" + port + ":" + localPort + ":" + channel.id().asShortText();
    }

    /** {@code host:port} of the peer at the other end of this channel. */
    static String peerAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? new HostPort(inet.getAddress().getHostAddress(), inet.getPort()).toString()
                : String.valueOf(channel.remoteAddress());
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public boolean isServer() {
        return true;
    }

    @Override
    public String getConnectionId() {
        return connectionId;
    }

    @Override
    public String getHostAddress() {
        return hostAddress;
    }

    @Override
    public String getHostName() {
        return hostAddress;
    }

    @Override
    public int getPort() {
        return port;
    }

    @Override
    public String getConnectionFactoryName() {
        return factoryName;
    }

    @Override
    public @Nullable Object getPayload() {
        return payload;
    }

    @Override
    public @Nullable Object getDeserializerStateKey() {
        return null;
    }

    @Override
    public @Nullable SSLSession getSslSession() {
        return null;
    }

    @Override
    public @Nullable SocketInfo getSocketInfo() {
        return null;
    }

    /** Nothing to run: the channel's event loop reads this connection. */
    @Override
    public void run() {
    }

    /** Tells the listeners of the new connection. */
    void opened() {
        publishConnectionOpenEvent();
    }

    /**
     * Hands one line to the listener (the inbound channel adapter); on the thread of the
     * connection's handlers, in the order of the lines.
     *
     * @throws RuntimeException when the flow fails to take it
     */
    void received(byte[] line) {
        TcpListener listener = getListener();
        payload = line;
        Message<?> message;
        try {
            message = getMapper().toMessage(this);
        } finally {
            payload = null;
        }
        if (message != null && listener != null) {
            listener.onMessage(message);
        }
    }

    /** Something ended the connection abnormally: the listeners are told why; the caller closes it. */
    void failed(Throwable problem) {
        publishConnectionExceptionEvent(problem);
    }

    /**
     * Writes one line. Replies sent while the connection's lines are being handled go out together
     * once the read is done (the pipeline's flush consolidation); others at once.
     */
    @Override
    public void send(Message<?> message) {
        byte[] line = (byte[]) getMapper().fromMessage(message);
        if (line == null) {
            return;
        }
        if (!channel.isActive() || closing) {
            throw new MessagingException(message, "connection to " + peerAddress + " is closed");
        }
        if (!channel.isWritable() && channel.bytesBeforeWritable() > MAX_PENDING) {
            droppedAsSlowReader(MAX_PENDING + " bytes of replies waiting");
            return;
        }
        // encoded here rather than by a handler: as a buffer, it counts at once against the
        // channel's write limits, whichever thread sends it
        ByteBuf buffer = channel.alloc().ioBuffer(line.length + 1).writeBytes(line).writeByte('\n');
        channel.writeAndFlush(buffer, channel.voidPromise());
    }

    /** Its replies pile up: the pipeline reports it once, and its bridge closes it. */
    private void droppedAsSlowReader(String why) {
        if (!slowReaderReported) {
            slowReaderReported = true;
            channel.pipeline().fireExceptionCaught(new SlowReaderException(why));
        }
    }

    /**
     * Closes from any thread. What was sent and not yet written goes out first if the peer takes
     * it at once (the pipeline flushes on close); the close event follows once the channel is closed.
     */
    @Override
    public void close() {
        closing = true;
        channel.close();
    }

    /** Closes once every reply sent so far is written: for a peer that closed its side. */
    void closeAfterWrites() {
        closing = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> channel.close());
    }

    /** The channel is closed: tells the listeners and the senders, once. */
    void closed() {
        closing = true;
        super.close();
    }

    @Override
    public String toString() {
        return peerAddress;
    }
}
