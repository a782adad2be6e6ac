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

    /**
     * The named listeners ({@code eventdispatcher.server.listen=admin=unix:/path, ...}) whose peers
     * reach these handlers; on any other named listener their commands are {@code UNKNOWN} and
     * {@code HELP} does not list them, and their {@link OnConnect} and {@link OnDisconnect} methods
     * do not run. Unnamed listeners, UDP and the broker carry every command. Empty: every listener.
     */
    String[] listeners() default {};
}
