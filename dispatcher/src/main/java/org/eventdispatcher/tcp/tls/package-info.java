/** TLS on TCP: the SSL bundle lookup, the server's TLS context and its handshake watch. */
package org.eventdispatcher.tcp.tls;
