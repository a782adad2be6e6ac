/** The API of message handlers: {@code @MessageHandlers}, {@code @OnCommand}, {@code @StopsDaemon}, {@code Peer}, the dispatcher and the built-in system commands. */
package org.eventdispatcher.dispatch;
