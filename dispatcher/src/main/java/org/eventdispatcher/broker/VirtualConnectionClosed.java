package org.eventdispatcher.broker;

import org.eventdispatcher.protocol.transport.BrokerAddress;

/** Published when a virtual connection closes: a handler closed it, its sender went silent, or the daemon stops. */
public record VirtualConnectionClosed(BrokerAddress peer, String reason) {
}
