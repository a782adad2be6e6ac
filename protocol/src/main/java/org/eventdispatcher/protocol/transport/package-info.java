/**
 * How messages travel, whatever carries them (API): addresses as the command lines write them
 * ({@link org.eventdispatcher.protocol.transport.HostPort}), the default addresses, and the rules
 * that cut a stream into lines.
 */
package org.eventdispatcher.protocol.transport;
