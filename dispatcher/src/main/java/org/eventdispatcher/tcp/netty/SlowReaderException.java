package org.eventdispatcher.tcp.netty;

import java.io.IOException;

/** A peer does not take its replies: the server drops it rather than hold them for ever. */
public class SlowReaderException extends IOException {

    public SlowReaderException(String why) {
        super("does not read its replies: " + why);
    }
}
