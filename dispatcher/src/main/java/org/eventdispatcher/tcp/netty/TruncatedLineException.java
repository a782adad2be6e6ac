package org.eventdispatcher.tcp.netty;

import java.io.IOException;

/** The peer closed its side in the middle of a line; the partial line is dropped. */
public class TruncatedLineException extends IOException {

    public TruncatedLineException(int droppedBytes) {
        super("connection closed in the middle of a line (" + droppedBytes + " bytes dropped)");
    }
}
