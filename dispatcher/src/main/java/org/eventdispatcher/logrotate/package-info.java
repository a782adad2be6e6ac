/** Log rotation: reopening logback's files, at most once a second, on a thread of its own. Internal. */
package org.eventdispatcher.logrotate;
