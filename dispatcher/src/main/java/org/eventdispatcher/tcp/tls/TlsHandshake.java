package org.eventdispatcher.tcp.tls;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLException;
import org.eventdispatcher.connection.ReportThrottle;
import org.eventdispatcher.link.Durations;
import org.eventdispatcher.protocol.transport.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Right after the TLS handler: a handshake that fails (a plaintext peer, an untrusted or missing
 * client certificate, no common protocol) or does not complete in time is counted and logged,
 * throttled; Netty's {@code SslHandler} has closed the connection already. Until the handshake is
 * done, nothing of the connection goes further: the application sees a connection only once it
 * is secure (see the server's {@code ConnectionBridge}), and the failure is reported here alone.
 */
@ChannelHandler.Sharable
public final class TlsHandshake extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TlsHandshake.class);

    private final Runnable failed;
    private final Duration timeout;
    private final ReportThrottle reports = new ReportThrottle(Duration.ofSeconds(10), 5, "from TLS peers");

    /** @param failed counts one failed handshake */
    public TlsHandshake(Runnable failed, Duration timeout) {
        this.failed = failed;
        this.timeout = timeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ctx.pipeline().remove(this); // from now on, TLS is transparent
            } else {
                failed.run();
                if (reports.firstReport("tls-handshake")) {
                    log.info(
                            "{}: TLS handshake failed, connection closed: {}",
                            peer(ctx.channel()),
                            describe(done.cause()));
                }
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    /** What the handshake's failure already says: the same error, passed on, would be logged twice. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable problem = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (problem instanceof SSLException) {
            ctx.close();
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /** {@code host:port}, as every line about a peer writes it. */
    private static String peer(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? new HostPort(inet.getAddress().getHostAddress(), inet.getPort()).toString()
                : String.valueOf(channel.remoteAddress());
    }

    private String describe(Throwable cause) {
        if (cause instanceof NotSslRecordException) {
            return "not TLS (a plaintext client?)";
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return "not done within " + Durations.seconds(timeout);
        }
        Throwable innermost = cause;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        return innermost.getMessage() != null ? innermost.getMessage() : innermost.toString();
    }
}
