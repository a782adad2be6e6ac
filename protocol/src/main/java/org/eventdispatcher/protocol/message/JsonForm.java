package org.eventdispatcher.protocol.message;

/** The JSON form of PROTOCOL.md a.6. */
final class JsonForm {

    private final Compatibility compatibility;

    JsonForm(Compatibility compatibility) {
        this.compatibility = compatibility;
    }

    /** {@code line} is trimmed and starts with '{'. */
    Message parse(String line) throws MessageParseException {
        throw new MessageParseException(ParseError.INVALID_JSON, "the JSON form is not supported yet", 0);
    }

    String write(Message message) {
        throw new UnsupportedOperationException("the JSON form is not supported yet");
    }
}
