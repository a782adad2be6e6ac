package org.eventdispatcher.dispatch.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler's argument to one parameter of the message, converted to the argument's type,
 * and declares that parameter in the command's contract (PROTOCOL.md g.12), which the dispatcher
 * checks before the handler runs:
 *
 * <pre>
 * &#64;OnCommand("SET")
 * Message set(&#64;Param("name") String name, &#64;Param(value = "ttl", required = false) Optional&lt;Long&gt; ttl) { ... }
 * </pre>
 *
 * <p>Types, and what the value must be: {@code String} (anything), {@code int}/{@code Integer} (a
 * 32-bit integer), {@code long}/{@code Long} (a 64-bit integer), {@code boolean}/{@code Boolean}
 * ({@code true/false}, {@code yes/no}, {@code 1/0}), {@link java.time.Instant} (a timespec,
 * {@code seconds[.fraction]}), {@link org.eventdispatcher.protocol.transport.HostPort} or
 * {@link java.net.InetSocketAddress} (an IP address with an optional port, never a host name), and
 * {@code Optional} of any of them. A message that breaks the contract is answered
 * {@code INVALID} naming every fault, and the handler does not run.
 *
 * <p>An argument is required unless {@code required = false}, a {@link #defaultValue()} is given,
 * or it is an {@code Optional}; a missing one is then the default, {@code Optional.empty()} or null.
 * An empty value is refused unless {@link #allowEmpty()}; an allowed empty value is {@code ""} for a
 * {@code String} and counts as missing for every other type.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Param {

    /** Stands for "no default": a value no parameter can hold (it has control characters). */
    String NO_DEFAULT = "\n\t\u0000no default\u0000\t\n";

    /** The parameter's name in the message, e.g. {@code "ttl"}. */
    String value();

    /** Whether a message without it is refused. */
    boolean required() default true;

    /** The value taken when the parameter is missing, written as on the wire (checked at start). */
    String defaultValue() default NO_DEFAULT;

    /** Whether an empty value ({@code ttl=}) is accepted. */
    boolean allowEmpty() default false;
}
