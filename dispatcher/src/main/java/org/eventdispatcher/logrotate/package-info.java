/** Log rotation: the UDP listener and reopening logback's files. Internal. */
package org.eventdispatcher.logrotate;
