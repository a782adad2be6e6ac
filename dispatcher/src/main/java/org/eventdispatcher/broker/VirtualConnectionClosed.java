package org.eventdispatcher.broker;

import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.connection.Side;

/**
 * Published when a virtual connection closes: a handler closed it, its sender went silent, or the daemon stops.
 *
 * @param side              as the connection registry files it: the server a client joined is the client's side
 * @param heartbeatTimedOut whether the peer, sent {@code ALIVE} after a silence, did not answer in time
 */
public record VirtualConnectionClosed(BrokerAddress peer, String reason, Side side, boolean heartbeatTimedOut) {
}
