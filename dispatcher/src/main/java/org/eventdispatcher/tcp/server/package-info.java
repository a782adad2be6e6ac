/**
 * The TCP server: a Netty transport under Spring Integration's adapters (the pipeline, its limits,
 * TLS, the heartbeat sweep) and the peers the dispatcher answers through. Internal, but for the
 * properties ({@link org.eventdispatcher.tcp.server.TcpServerProperties}) and {@link
 * org.eventdispatcher.tcp.server.ListeningServer}.
 */
package org.eventdispatcher.tcp.server;
