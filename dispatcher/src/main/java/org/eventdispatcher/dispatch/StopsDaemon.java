package org.eventdispatcher.dispatch;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@link OnCommand} handler that stops or restarts the daemon ({@code QUIT},
 * {@code STOP}...). The dispatcher runs it only for a message its {@link StopRule} allows (by
 * default: from a loopback address, with {@code secret_code} when a stop secret is set); any other
 * is answered {@code INVALID command=<CMD>;message=<reason>}, and the daemon goes on. Over UDP,
 * whose source addresses anyone can forge, such a command is obeyed only where the listener has a
 * secret ({@code eventdispatcher.log-rotate.secret}) and lets the command through
 * ({@code udp-commands}, or a built-in one); a dispatcher without a stop rule obeys none.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StopsDaemon {}
