package org.eventdispatcher.link;

/** A message for the server could not be sent: the client is not connected, or is done with it. */
public class NotConnectedException extends IllegalStateException {

    public NotConnectedException(String message) {
        super(message);
    }
}
