package org.eventdispatcher.daemon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The daemon's process ({@code eventdispatcher.daemon.*}).
 *
 * @param exitJvm end the JVM once the context is closed on {@code QUIT}/{@code BYE}; tests that
 *                run a daemon in their own JVM turn it off
 */
@ConfigurationProperties("eventdispatcher.daemon")
public record DaemonProperties(@DefaultValue("true") boolean exitJvm) {
}
