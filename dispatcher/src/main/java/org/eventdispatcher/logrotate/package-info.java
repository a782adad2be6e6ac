/** Log rotation: the UDP listener, the LOG_ROTATE command and its secret, reopening logback's files. Internal. */
package org.eventdispatcher.logrotate;
