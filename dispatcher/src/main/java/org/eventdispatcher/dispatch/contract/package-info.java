/**
 * Message contracts in a daemon (PROTOCOL.md g.12): {@link org.eventdispatcher.dispatch.contract.Param}
 * arguments of handlers, the definition files an application carries, and what a broken file says
 * at start. The dispatcher checks each message against its command's contract before the handler.
 */
package org.eventdispatcher.dispatch.contract;
