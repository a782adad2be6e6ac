/** The API of message handlers: {@code @MessageHandlers}, {@code @OnCommand}, {@code @StopsDaemon}, {@code Peer}, {@code PeerConnected}, the {@code ClientLink}, the dispatcher, and the rule that guards the stop commands. */
package org.eventdispatcher.dispatch;
