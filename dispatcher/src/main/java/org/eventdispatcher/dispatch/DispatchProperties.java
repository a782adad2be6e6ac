package org.eventdispatcher.dispatch;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages are dispatched ({@code eventdispatcher.dispatch.*}).
 *
 * @param trace         log every message received, with its peer (the {@code --trace} option)
 * @param replyInvalid  answer an unparseable line with {@code INVALID} (PROTOCOL.md b.2 [EXT]);
 *                      false is strict upstream: log and drop
 * @param systemCommands handle the built-in commands ({@code HELP}, {@code ALIVE}, ...; b.3)
 */
@ConfigurationProperties("eventdispatcher.dispatch")
public record DispatchProperties(
        @DefaultValue("false") boolean trace,
        @DefaultValue("true") boolean replyInvalid,
        @DefaultValue("true") boolean systemCommands) {
}
