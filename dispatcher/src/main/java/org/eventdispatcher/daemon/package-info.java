/** The daemon process: exit on request, the exit deadline, who may stop it, the upstream command-line options and configuration files. API for {@code DaemonExit}. */
package org.eventdispatcher.daemon;
