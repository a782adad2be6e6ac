/**
 * What every transport shares about its connections: the connection model ({@link
 * org.eventdispatcher.connection.Connection}), its lifecycle ({@link
 * org.eventdispatcher.connection.ConnectionListener}, told through {@link
 * org.eventdispatcher.connection.ConnectionEvents} in a written order), the one registry of open
 * ones, the heartbeat settings, and the per-peer report throttle. API.
 */
package org.eventdispatcher.connection;
