package org.eventdispatcher.broker;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * A message on the broker is one line of text (PROTOCOL.md h.2), and this converter reads nothing
 * else: a body that says it is {@code text/plain} (or says nothing, as the C++ daemons' messages
 * may; Spring AMQP calls that {@code application/octet-stream}), in UTF-8, at most
 * {@code max-line-length} bytes, becomes a {@link String}; any other body is dropped unread
 * ({@link RejectedMessages}). Spring's default converter would deserialize an
 * {@code application/x-java-serialized-object} body: any publisher could then run whatever Java
 * deserialization does, an {@code OutOfMemoryError} at least.
 *
 * <p>Outbound, only a line's bytes or a {@link String} are written, never a serialized object.
 */
public final class LineConverter implements MessageConverter {

    private final int maxLength;
    private final RejectedMessages rejected;

    /** @param maxLength the longest body read, in bytes */
    public LineConverter(int maxLength, RejectedMessages rejected) {
        this.maxLength = maxLength;
        this.rejected = rejected;
    }

    @Override
    public Object fromMessage(Message message) {
        MessageProperties properties = message.getMessageProperties();
        String contentType = properties.getContentType();
        if (contentType != null && !contentType.isEmpty() && !isText(contentType)) {
            throw rejected.rejected(
                    RejectedMessages.CONTENT_TYPE,
                    "content type " + shown(contentType) + " (only text/plain is read as a line)");
        }
        String encoding = properties.getContentEncoding();
        if (encoding != null && !encoding.isEmpty() && !isUtf8(encoding)) {
            throw rejected.rejected(
                    RejectedMessages.CHARSET, "content encoding " + shown(encoding) + " (only utf-8 is read)");
        }
        byte[] body = message.getBody();
        if (body.length > maxLength) {
            throw rejected.rejected(
                    RejectedMessages.TOO_LONG,
                    body.length + " bytes, longer than the longest line (" + maxLength + " bytes)");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        byte[] body;
        if (object instanceof byte[] bytes) {
            body = bytes;
        } else if (object instanceof String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        } else {
            throw new MessageConversionException("only a line is published on the broker, not a "
                    + object.getClass().getName());
        }
        properties.setContentType(MessageProperties.CONTENT_TYPE_TEXT_PLAIN);
        properties.setContentEncoding("utf-8");
        properties.setContentLength(body.length);
        return new Message(body, properties);
    }

    /** {@code text/plain}, with or without parameters ({@code text/plain; charset=utf-8}). */
    private static boolean isText(String contentType) {
        if (contentType.equals(MessageProperties.CONTENT_TYPE_TEXT_PLAIN)) {
            return true; // as every daemon writes it: no copy, no case folding, for each message
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        if (type.equalsIgnoreCase(MessageProperties.CONTENT_TYPE_BYTES)) {
            return true; // what Spring AMQP says of a message published without a content type
        }
        if (!type.equalsIgnoreCase(MessageProperties.CONTENT_TYPE_TEXT_PLAIN)) {
            return false;
        }
        int charset = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        return charset < 0
                || isUtf8(contentType.substring(charset + "charset=".length()).split(";", 2)[0]);
    }

    private static boolean isUtf8(String charset) {
        if (charset.equals("utf-8")) {
            return true; // as every daemon writes it
        }
        String name = charset.strip().replace("\"", "");
        return name.equalsIgnoreCase("utf-8") || name.equalsIgnoreCase("utf8");
    }

    /** A header from the wire, as it may be logged: short, printable. */
    private static String shown(String value) {
        String cut = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return "\"" + cut.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
