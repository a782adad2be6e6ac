/**
 * Message contracts (PROTOCOL.md g.12): what the parameters of a command must be, read from
 * upstream's definition files ({@link org.eventdispatcher.protocol.contract.DefinitionFile}) or
 * declared by handlers, and checked against a message with every violation named.
 */
package org.eventdispatcher.protocol.contract;
