package org.eventdispatcher.dispatch;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a peer has connected (a TCP connection accepted, or the first message of a new
 * sender on the broker), before anything it sends is dispatched: the place for a
 * greeting ({@code @EventListener void greet(PeerConnected connected)}). Listeners run on the
 * thread that serves the peer.
 *
 * <p>An application event of its own class rather than a plain object: Spring wraps a plain
 * object in a {@code PayloadApplicationEvent} and works out that wrapper's generic type at every
 * publish, once per connection here.
 */
public final class PeerConnected extends ApplicationEvent {

    public PeerConnected(Peer peer) {
        super(peer);
    }

    /** The peer that connected. */
    public Peer peer() {
        return (Peer) getSource();
    }

    @Override
    public String toString() {
        return "PeerConnected[" + getSource() + "]";
    }
}
