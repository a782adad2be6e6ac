package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.ImmediateAcknowledgeAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;

/** Which bodies are read as a line, and which are dropped unread with the reason counted. */
class LineConverterTest {

    private final RejectedMessages rejected = new RejectedMessages(new SimpleMeterRegistry());
    private final LineConverter converter = new LineConverter(16, rejected);

    private static Message body(String text, String contentType, String encoding) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(contentType);
        properties.setContentEncoding(encoding);
        return new Message(text.getBytes(StandardCharsets.UTF_8), properties);
    }

    @Test
    void textInUtf8IsReadHoweverItIsSpelled() {
        assertThat(converter.fromMessage(body("PING é", "text/plain", "utf-8"))).isEqualTo("PING é");
        assertThat(converter.fromMessage(body("PING", "TEXT/PLAIN; charset=\"UTF-8\"", null)))
                .isEqualTo("PING");
        assertThat(converter.fromMessage(body("PING", "text/plain", "UTF8"))).isEqualTo("PING");
        assertThat(converter.fromMessage(body("PING", null, null)))
                .as("no content type")
                .isEqualTo("PING");
        assertThat(converter.fromMessage(body("PING", "application/octet-stream", null)))
                .as("Spring AMQP's name for no content type")
                .isEqualTo("PING");
        assertThat(converter.fromMessage(body("x".repeat(16), "text/plain", null)))
                .isEqualTo("x".repeat(16));
    }

    @Test
    void anythingElseIsDroppedUnreadAndCountedByReason() {
        for (String contentType : new String[] {
            "application/x-java-serialized-object", "application/json", "text/plain; charset=iso-8859-1", "text/html"
        }) {
            assertThatThrownBy(() -> converter.fromMessage(body("PING", contentType, null)))
                    .as(contentType)
                    .isInstanceOf(ImmediateAcknowledgeAmqpException.class);
        }
        assertThatThrownBy(() -> converter.fromMessage(body("PING", "text/plain", "gzip")))
                .isInstanceOf(ImmediateAcknowledgeAmqpException.class);
        assertThatThrownBy(() -> converter.fromMessage(body("x".repeat(17), "text/plain", null)))
                .isInstanceOf(ImmediateAcknowledgeAmqpException.class);

        assertThat(rejected.count(RejectedMessages.CONTENT_TYPE)).isEqualTo(4);
        assertThat(rejected.count(RejectedMessages.CHARSET)).isEqualTo(1);
        assertThat(rejected.count(RejectedMessages.TOO_LONG)).isEqualTo(1);
    }

    @Test
    void onlyALineIsEverWrittenNeverASerializedObject() {
        Message written = converter.toMessage("PING", new MessageProperties());
        assertThat(new String(written.getBody(), StandardCharsets.UTF_8)).isEqualTo("PING");
        assertThat(written.getMessageProperties().getContentType()).isEqualTo("text/plain");
        assertThat(converter
                        .toMessage(new byte[] {'H', 'I'}, new MessageProperties())
                        .getBody())
                .containsExactly('H', 'I');
        assertThatThrownBy(() -> converter.toMessage(new java.util.ArrayList<String>(), new MessageProperties()))
                .isInstanceOf(MessageConversionException.class);
    }
}
