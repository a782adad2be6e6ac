package org.eventdispatcher.bench.codec;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the text-form codec on the two messages the performance goal names: the short
 * {@code DAD} of the example conversation and a long line with sent-from, destination and five
 * parameters, one of them quoted. Lines are parsed without their line feed, as the connection's
 * framing hands them over. Run with {@code -prof gc} to see the bytes allocated per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {

    static final String SHORT = "DAD";
    static final String LONG = "<srv:svc host:svc/CMD a=1;b=hello world;c=\"x;y\";d=42;e=last";

    private final MessageCodec codec = MessageCodec.standard();

    private String shortText;
    private String longText;
    private byte[] shortBytes;
    private byte[] longBytes;
    private Message shortMessage;
    private Message longMessage;

    @Setup
    public void setUp() throws MessageParseException {
        // fresh copies, so nothing is shared with the constant pool
        shortText = new String(SHORT.toCharArray());
        longText = new String(LONG.toCharArray());
        shortBytes = SHORT.getBytes(StandardCharsets.UTF_8);
        longBytes = LONG.getBytes(StandardCharsets.UTF_8);
        shortMessage = codec.parse(shortText);
        longMessage = codec.parse(longText);
        if (!codec.write(longMessage).equals(LONG)) {
            throw new IllegalStateException("the long message does not write back as " + LONG);
        }
    }

    @Benchmark
    public Message parseShortString() throws MessageParseException {
        return codec.parse(shortText);
    }

    @Benchmark
    public Message parseLongString() throws MessageParseException {
        return codec.parse(longText);
    }

    @Benchmark
    public Message parseShortBytes() throws MessageParseException {
        return codec.parse(shortBytes, 0, shortBytes.length);
    }

    @Benchmark
    public Message parseLongBytes() throws MessageParseException {
        return codec.parse(longBytes, 0, longBytes.length);
    }

    @Benchmark
    public String writeShortString() {
        return codec.write(shortMessage);
    }

    @Benchmark
    public String writeLongString() {
        return codec.write(longMessage);
    }

    @Benchmark
    public byte[] writeShortLine() {
        return codec.writeLine(shortMessage);
    }

    @Benchmark
    public byte[] writeLongLine() {
        return codec.writeLine(longMessage);
    }
}
