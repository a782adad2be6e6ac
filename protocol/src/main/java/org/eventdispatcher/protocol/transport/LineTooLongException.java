package org.eventdispatcher.protocol.transport;

import java.io.IOException;

/** A peer sent more than the maximum line length without a line feed (PROTOCOL.md g.5). */
public class LineTooLongException extends IOException {

    private final int maxLength;

    public LineTooLongException(int maxLength) {
        super("line longer than " + maxLength + " bytes");
        this.maxLength = maxLength;
    }

    public int maxLength() {
        return maxLength;
    }
}
