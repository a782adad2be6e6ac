package org.eventdispatcher.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method that handles one command, in a {@link MessageHandlers} bean.
 *
 * <p>The method takes any of {@link org.eventdispatcher.protocol.message.Message} (the request)
 * and {@link Peer} (who sent it), in any order, or nothing; it returns the reply as a
 * {@code Message}, or {@code void} (or {@code null}) for no reply. A handler that throws
 * {@link org.eventdispatcher.protocol.message.InvalidMessageException}, for example from a
 * typed parameter accessor, is answered {@code INVALID command=<CMD>;message=<reason>}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnCommand {

    /** The command, e.g. {@code "DAD"}: exact, case-sensitive. */
    String value();

    /** Older names of the same command: dispatched here too, but not listed by {@code HELP}. */
    String[] aliases() default {};
}
