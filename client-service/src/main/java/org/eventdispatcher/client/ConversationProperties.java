package org.eventdispatcher.client;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many conversations the client holds before it exits ({@code eventdispatcher.client.conversations}).
 *
 * @param conversations 1, as upstream: exit 0 after the first {@code BYE}. More runs the
 *                      conversation again on a new connection after each {@code BYE}; 0 never
 *                      stops (a soak or failure-drill mode)
 */
@ConfigurationProperties("eventdispatcher.client")
record ConversationProperties(@DefaultValue("1") int conversations) {

    ConversationProperties {
        if (conversations < 0) {
            throw new IllegalArgumentException(
                    "eventdispatcher.client.conversations must be 0 (no end) or more, not " + conversations);
        }
    }
}
