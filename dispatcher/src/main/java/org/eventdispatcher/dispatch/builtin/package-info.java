/**
 * Every built-in command a daemon answers below its own (PROTOCOL.md b.3): {@code HELP},
 * {@code ALIVE}, {@code LOG_ROTATE}, the replies never answered, and the rule of who may stop the
 * daemon, with the shared-secret check both use. Internal.
 */
package org.eventdispatcher.dispatch.builtin;
