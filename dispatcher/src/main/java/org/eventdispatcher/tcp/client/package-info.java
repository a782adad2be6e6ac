/**
 * The client's permanent connection: when and where to connect (backoff, failover list:
 * ReconnectStateMachine), the silence it tolerates (stall timeout, heartbeat: SilenceWatch), the
 * reconnect buffer (Outbox), the connection of the moment and its life (CurrentConnection). API:
 * {@link org.eventdispatcher.tcp.client.PermanentConnection}, its state and events, its properties.
 */
package org.eventdispatcher.tcp.client;
