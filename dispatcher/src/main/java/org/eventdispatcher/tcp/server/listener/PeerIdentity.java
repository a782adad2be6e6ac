package org.eventdispatcher.tcp.server.listener;

import io.netty.channel.Channel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.transport.HostPort;
import org.jspecify.annotations.Nullable;

/**
 * Who is at the other end of an accepted channel, read once as it is accepted: over TCP its
 * address and port; over a Unix socket the process the kernel names ({@code SO_PEERCRED}).
 *
 * @param id          unique among the open connections: {@code host:port:localPort:channel}, or
 *                    {@code unix:uid:pid:channel}
 * @param address     for people reading logs: {@code host:port}, or {@code uid=0,gid=0,pid=42@unix:/path}
 * @param ip          the TCP peer's IP address; null on a Unix socket
 * @param credentials the Unix peer's process; null over TCP, or when the kernel would not say
 */
public record PeerIdentity(
        String id, String address, @Nullable InetAddress ip, Peer.@Nullable Credentials credentials) {

    public static PeerIdentity of(Channel channel, Listener listener) {
        String shortId = channel.id().asShortText();
        if (channel instanceof EpollDomainSocketChannel unix) {
            Peer.Credentials credentials = credentials(unix);
            String who = credentials != null ? credentials.toString() : "unknown";
            String id = credentials != null
                    ? "unix:" + credentials.uid() + ":" + credentials.pid() + ":" + shortId
                    : "unix:" + shortId;
            return new PeerIdentity(id, who + "@" + listener.address().address(), null, credentials);
        }
        int port = 0;
        String host = String.valueOf(channel.remoteAddress());
        InetAddress ip = null;
        if (channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null) {
            ip = inet.getAddress();
            host = ip.getHostAddress();
            port = inet.getPort();
        }
        int localPort = channel.localAddress() instanceof InetSocketAddress local ? local.getPort() : 0;
        String id = host + ":" + port + ":" + localPort + ":" + shortId;
        return new PeerIdentity(id, new HostPort(host, port).toString(), ip, null);
    }

    private static Peer.@Nullable Credentials credentials(EpollDomainSocketChannel channel) {
        try {
            PeerCredentials kernel = channel.peerCredentials();
            int[] gids = kernel.gids();
            return new Peer.Credentials(kernel.uid(), gids.length > 0 ? gids[0] : -1, kernel.pid());
        } catch (IOException | RuntimeException e) {
            return null; // the stop rule then refuses it: an unknown peer is nobody's
        }
    }
}
