package org.eventdispatcher.bench.load;

import java.io.IOException;

/** The server answered, but not with the line the conversation expects. */
final class UnexpectedReplyException extends IOException {
    UnexpectedReplyException(String message) {
        super(message);
    }
}
