package org.eventdispatcher.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;

/**
 * A bean whose {@link OnCommand} methods are a daemon's dispatch table: one class per daemon,
 * one small method per command.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface MessageHandlers {

    /** Application handlers: tried first (upstream's priority 7). */
    int APPLICATION = 7;

    /** Built-in handlers such as {@code HELP} and {@code ALIVE} (upstream's priority 10). */
    int SYSTEM = 10;

    /**
     * Lower is tried first. A command handled at two priorities goes to the lower; twice at one
     * priority is a start-up error.
     */
    int priority() default APPLICATION;
}
