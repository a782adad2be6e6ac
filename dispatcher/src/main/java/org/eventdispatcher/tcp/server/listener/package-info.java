/**
 * The server's listeners ({@code eventdispatcher.server.listen}): each address, TCP or a
 * Unix-domain socket, optionally named, with what it carries of its own (TLS, the socket file's
 * mode and group); the socket file's care (a stale one replaced, a live one left alone, removed
 * at exit); and who is at the other end of an accepted channel. One server and one pipeline serve
 * them all: a listener is data the pipeline reads.
 */
package org.eventdispatcher.tcp.server.listener;
