/**
 * The UDP transport: the datagram listener, which hands each datagram to the dispatcher through
 * the UDP command gate (log rotation and the built-in commands by default), and its bind failure.
 * Internal.
 */
package org.eventdispatcher.udp;
