package org.eventdispatcher.tcp.server;

import org.eventdispatcher.dispatch.Peer;

/**
 * Published when a peer has connected, before anything it sends is dispatched: the place for a
 * greeting ({@code @EventListener void greet(PeerConnected connected)}). Listeners run on the
 * connection's own thread.
 */
public record PeerConnected(Peer peer) {
}
