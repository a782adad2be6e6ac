/**
 * What every transport shares about its connections: the one registry of open ones (TCP, the
 * broker's virtual connections), which the peer lookup, {@code /actuator/connections}, the health
 * components and the meters read. API.
 */
package org.eventdispatcher.connection;
