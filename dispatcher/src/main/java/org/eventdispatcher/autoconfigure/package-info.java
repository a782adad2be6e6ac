/** Spring Boot auto-configuration, one class per concern: dispatch, TCP server, TCP client, log rotation, daemon, management, metrics. Internal. */
package org.eventdispatcher.autoconfigure;
