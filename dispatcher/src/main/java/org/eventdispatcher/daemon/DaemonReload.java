package org.eventdispatcher.daemon;

/**
 * An operator asked the daemon to reload: {@code kill -HUP}, {@code systemctl reload}. The library
 * reopens the log files and reloads the SSL bundles on it; a daemon hooks its own reload with
 * {@code @EventListener(DaemonReload.class)}. Published on a thread of the JVM's signal dispatch,
 * never one that serves peers.
 *
 * @param reason what asked for it, for the log: {@code "SIGHUP"}
 */
public record DaemonReload(String reason) {}
