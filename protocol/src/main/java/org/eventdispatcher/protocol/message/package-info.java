/**
 * The message (API): its model ({@link org.eventdispatcher.protocol.message.Message}), the name
 * rules, and the codec that reads and writes its text and JSON forms (PROTOCOL.md a).
 */
package org.eventdispatcher.protocol.message;
