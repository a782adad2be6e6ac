/**
 * The Netty pieces of a line transport, none of which knows a connection or the dispatcher: the
 * I/O transport (epoll or NIO), bytes to lines, backpressure on a peer that does not read, lines
 * written (gathered per read), and what ends a connection's lines abnormally.
 */
package org.eventdispatcher.tcp.netty;
