package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.protocol.transport.LineTooLongException;
import org.eventdispatcher.tcp.client.LineFraming;
import org.eventdispatcher.tcp.netty.LineDecoder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

/** The server's decoder and the client's framing cut any stream into the same lines. */
class SameFramingTest {

    private static final int MAX = 8;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HI\nDAD\r\n",
                "\n\r\n",
                "a\rb\n",
                "cr\r\r\n",
                "12345678\n",
                "12345678\r\n",
                "123456789\nok\n",
                "1234567890123\n",
                "CLIMB\nCUT"
            })
    void bothSidesCutTheSameLines(String stream) {
        assertThat(client(stream)).isEqualTo(server(stream));
    }

    /** Lines, then "too long" or "cut off" where the stream went wrong. */
    private static List<String> server(String stream) {
        EmbeddedChannel channel = new EmbeddedChannel(new LineDecoder(MAX));
        List<String> seen = new ArrayList<>();
        try {
            channel.writeInbound(Unpooled.wrappedBuffer(stream.getBytes(StandardCharsets.UTF_8)));
            drain(channel, seen);
            channel.finish();
            drain(channel, seen);
        } catch (DecoderException e) {
            drain(channel, seen);
            seen.add(e.getCause() instanceof LineTooLongException ? "too long" : "cut off");
        }
        return seen;
    }

    private static void drain(EmbeddedChannel channel, List<String> seen) {
        byte[] line;
        while ((line = channel.readInbound()) != null) {
            seen.add(new String(line, StandardCharsets.UTF_8));
        }
    }

    private static List<String> client(String stream) {
        LineFraming framing = new LineFraming(MAX);
        InputStream in = new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        while (true) {
            try {
                seen.add(new String(framing.deserialize(in), StandardCharsets.UTF_8));
            } catch (SoftEndOfStreamException end) {
                return seen;
            } catch (LineTooLongException e) {
                seen.add("too long");
                return seen;
            } catch (IOException e) {
                seen.add("cut off");
                return seen;
            }
        }
    }
}
