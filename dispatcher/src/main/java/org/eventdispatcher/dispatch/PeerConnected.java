package org.eventdispatcher.dispatch;

/**
 * Published when a peer has connected (a TCP connection accepted, or the first message of a new
 * sender on the broker), before anything it sends is dispatched: the place for a
 * greeting ({@code @EventListener void greet(PeerConnected connected)}). Listeners run on the
 * thread that serves the peer.
 */
public record PeerConnected(Peer peer) {
}
