/**
 * The client's Unix-domain stream socket, shaped as the {@link java.net.Socket} that Spring
 * Integration's connections read and write ({@link org.eventdispatcher.tcp.client.unix.UnixDomainSocket}):
 * the address ({@code unix:/path}) picks how the socket is opened, everything above it is the TCP
 * client's.
 */
package org.eventdispatcher.tcp.client.unix;
