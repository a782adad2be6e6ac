/** What both ends of a TCP link share: the heartbeat failure, the SSL bundle lookup. API. */
package org.eventdispatcher.tcp;
