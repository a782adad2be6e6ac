/** The daemon process: exit on request, the exit deadline, its settings (who may stop it among them), the upstream command-line options and configuration files. API for {@code DaemonExit}. */
package org.eventdispatcher.daemon;
