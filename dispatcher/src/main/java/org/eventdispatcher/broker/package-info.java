/**
 * The RabbitMQ transport (PROTOCOL.md h): the exchange, this daemon's queue and its bindings, the
 * virtual connection per sender that the dispatcher answers through, and a client's join to its
 * server by name. Internal, but for the properties.
 */
package org.eventdispatcher.broker;
