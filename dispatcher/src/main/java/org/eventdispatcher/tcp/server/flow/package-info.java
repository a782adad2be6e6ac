/**
 * The server's Spring Integration flow, as its parts: the inbound channel adapter each line
 * enters by, the handler that gives it to the dispatcher, the outbound channel adapter every line
 * written leaves by. The connection itself travels in a header ({@link LineInbound#CONNECTION}).
 */
package org.eventdispatcher.tcp.server.flow;
