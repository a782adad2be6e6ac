/**
 * The TCP server: its lifecycle ({@link org.eventdispatcher.tcp.server.NettyTcpServer}), the
 * pipeline of every accepted channel, one {@link org.eventdispatcher.tcp.server.AcceptedConnection}
 * per channel (the connection its listeners hear of and the peer its handlers answer), the limits,
 * the heartbeat and line-timeout sweep, and the handlers' threads. Its Spring Integration flow is
 * in {@code flow}, the Netty pieces it shares in {@code tcp.netty}, TLS in {@code tcp.tls}.
 * Internal, but for the properties ({@link org.eventdispatcher.tcp.server.TcpServerProperties})
 * and {@link org.eventdispatcher.tcp.server.ListeningServer}.
 */
package org.eventdispatcher.tcp.server;
