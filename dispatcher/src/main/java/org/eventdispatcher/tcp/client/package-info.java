/**
 * The client's permanent connection: when and where to connect (backoff, failover list), the
 * silence it tolerates (stall timeout, heartbeat), the reconnect buffer, TLS. API: {@link
 * org.eventdispatcher.tcp.client.PermanentConnection}, its state and events, its properties.
 */
package org.eventdispatcher.tcp.client;
