/**
 * This daemon's own queue on the broker: the exclusive claim of its address (a second daemon with
 * the same address refuses to start), a queue declared with other bounds, the acknowledgement of
 * what was taken off it (in batches), and the state of its consumer, which the health component
 * reads. Internal.
 */
package org.eventdispatcher.broker.queue;
