package org.eventdispatcher.protocol.message;

/**
 * Reads and writes messages in the text form (PROTOCOL.md a.3–a.5) and the JSON form (a.6).
 * Thread-safe and stateless: share {@link #standard()}.
 */
public final class MessageCodec {

    /**
     * Most parameters read in one message, unless {@link #withMaxParameters} says otherwise: far
     * more than any command takes, and few enough that no line costs much to read.
     */
    public static final int DEFAULT_MAX_PARAMETERS = 1_000;

    private static final MessageCodec STANDARD = new MessageCodec(Compatibility.STANDARD, DEFAULT_MAX_PARAMETERS);
    private static final MessageCodec UPSTREAM = new MessageCodec(Compatibility.UPSTREAM, DEFAULT_MAX_PARAMETERS);

    private final Compatibility compatibility;
    private final int maxParameters;
    private final TextReader reader;
    private final TextWriter writer;

    private MessageCodec(Compatibility compatibility, int maxParameters) {
        this.compatibility = compatibility;
        this.maxParameters = maxParameters;
        this.reader = new TextReader(compatibility, maxParameters);
        this.writer = new TextWriter(compatibility);
    }

    /** This project's codec: upstream's format with the fixes of the decision table. */
    public static MessageCodec standard() {
        return STANDARD;
    }

    /** Upstream's codec, quirks included. */
    public static MessageCodec upstream() {
        return UPSTREAM;
    }

    /** {@link #standard()} or {@link #upstream()}. */
    public static MessageCodec of(Compatibility compatibility) {
        return compatibility == Compatibility.UPSTREAM ? UPSTREAM : STANDARD;
    }

    public Compatibility compatibility() {
        return compatibility;
    }

    /**
     * This codec, reading at most {@code maxParameters} parameters per message: a line with more
     * (a name given twice counts twice) is {@link ParseError#TOO_MANY_PARAMETERS}.
     *
     * @throws IllegalArgumentException when {@code maxParameters} is below 1
     */
    public MessageCodec withMaxParameters(int maxParameters) {
        if (maxParameters < 1) {
            throw new IllegalArgumentException("at least one parameter per message, not " + maxParameters);
        }
        if (maxParameters == this.maxParameters) {
            return this;
        }
        return new MessageCodec(compatibility, maxParameters);
    }

    /** Most parameters read in one message. */
    public int maxParameters() {
        return maxParameters;
    }

    /** Parses one line, text or JSON form (JSON when it starts with '{' once trimmed). */
    public Message parse(String line) throws MessageParseException {
        return reader.parse(line);
    }

    /** Parses one UTF-8 encoded line. */
    public Message parse(byte[] line) throws MessageParseException {
        return reader.parse(line, 0, line.length);
    }

    /**
     * Parses one UTF-8 encoded line held in {@code line[offset, offset + length)}, straight from
     * the bytes: only the names and values the message keeps are decoded. Malformed UTF-8 reads
     * as U+FFFD, as {@code new String(bytes, UTF_8)} would read it.
     */
    public Message parse(byte[] line, int offset, int length) throws MessageParseException {
        return reader.parse(line, offset, length);
    }

    /** The text form, without line terminator. */
    public String write(Message message) {
        return writer.write(message);
    }

    /** Appends the text form, without line terminator. */
    public void write(Message message, StringBuilder out) {
        writer.append(message, out);
    }

    /** The text form as UTF-8 bytes ending with {@code \n}, as TCP peers send it; the array is exactly the line. */
    public byte[] writeLine(Message message) {
        return writer.writeLine(message);
    }

    /** The JSON form (correct JSON, fields in the order of PROTOCOL.md a.6), without line terminator. */
    public String writeJson(Message message) {
        return JsonWriter.write(message);
    }
}
