/**
 * What a client link needs on any transport (the TCP client's permanent connection, the broker's
 * publisher): the bounded reconnect buffer, the pause list and backoff, the refusal of a message
 * sent while disconnected. API.
 */
package org.eventdispatcher.link;
