package org.eventdispatcher.protocol.message;

import java.nio.charset.StandardCharsets;

/**
 * Reads and writes messages in the text form (PROTOCOL.md a.3–a.5) and the JSON form (a.6).
 * Thread-safe and stateless: share {@link #standard()}.
 */
public final class MessageCodec {

    private static final MessageCodec STANDARD = new MessageCodec(Compatibility.STANDARD);
    private static final MessageCodec UPSTREAM = new MessageCodec(Compatibility.UPSTREAM);

    private final Compatibility compatibility;
    private final TextForm text;
    private final JsonForm json;

    private MessageCodec(Compatibility compatibility) {
        this.compatibility = compatibility;
        this.text = new TextForm(compatibility);
        this.json = new JsonForm(compatibility);
    }

    /** This project's codec: upstream's format with the fixes of the decision table. */
    public static MessageCodec standard() {
        return STANDARD;
    }

    /** Upstream's codec, quirks included. */
    public static MessageCodec upstream() {
        return UPSTREAM;
    }

    public static MessageCodec of(Compatibility compatibility) {
        return compatibility == Compatibility.UPSTREAM ? UPSTREAM : STANDARD;
    }

    public Compatibility compatibility() {
        return compatibility;
    }

    /** Parses one line, text or JSON form (JSON when it starts with '{' once trimmed). */
    public Message parse(String line) throws MessageParseException {
        return text.parse(line, json);
    }

    /** Parses one UTF-8 encoded line. */
    public Message parse(byte[] line) throws MessageParseException {
        return parse(line, 0, line.length);
    }

    /** Parses one UTF-8 encoded line held in {@code line[offset, offset + length)}. */
    public Message parse(byte[] line, int offset, int length) throws MessageParseException {
        return parse(new String(line, offset, length, StandardCharsets.UTF_8));
    }

    /** The text form, without line terminator. */
    public String write(Message message) {
        StringBuilder out = new StringBuilder(64);
        text.write(message, out);
        return out.toString();
    }

    /** Appends the text form, without line terminator. */
    public void write(Message message, StringBuilder out) {
        text.write(message, out);
    }

    /** The text form as UTF-8 bytes ending with {@code \n}, as TCP peers send it. */
    public byte[] writeLine(Message message) {
        StringBuilder out = new StringBuilder(64);
        text.write(message, out);
        out.append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON form (correct JSON, fields in the order of PROTOCOL.md a.6). */
    public String writeJson(Message message) {
        return json.write(message);
    }
}
