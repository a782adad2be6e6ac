package org.eventdispatcher.protocol.layering;

import org.springframework.util.StringUtils;

/** A deliberate violation, for LayeringTest alone: a protocol class that uses Spring. */
public final class ProtocolThatKnowsSpring {

    private ProtocolThatKnowsSpring() {}

    public static boolean blank(String text) {
        return !StringUtils.hasText(text);
    }
}
