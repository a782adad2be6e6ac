package org.eventdispatcher.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link MessageHandlers} bean that runs when a peer connects (a TCP
 * connection accepted or opened, a new sender's virtual connection on the broker), before
 * anything it sends is dispatched. It takes the {@link Peer} or nothing, and returns a
 * {@code Message} to send to the peer (a greeting: the first line the peer receives), or
 * {@code void} (or {@code null}) for none:
 *
 * <pre>
 * &#64;OnConnect
 * Message hi(Peer peer) {
 *     return Message.of("HI");
 * }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnConnect {}
