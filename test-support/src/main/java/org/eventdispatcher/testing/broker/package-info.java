/** A private RabbitMQ node for tests: started from the {@code rabbitmq-server} package, on free loopback ports. */
package org.eventdispatcher.testing.broker;
