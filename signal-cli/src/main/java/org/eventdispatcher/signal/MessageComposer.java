package org.eventdispatcher.signal;

import java.util.List;
import java.util.Map;
import org.eventdispatcher.protocol.message.InvalidMessageException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;

/**
 * Turns the command line into the one message to send, and refuses anything the daemon could not
 * read before a socket is opened: the text is parsed as the daemons parse it, then rebuilt
 * through {@link Message.Builder}, whose name rules are stricter than the parser's (a lowercase
 * command parses, but no daemon has a handler for it).
 */
final class MessageComposer {

    /** The parameter the daemons check on their log-rotate listener (PROTOCOL.md d). */
    private final MessageCodec codec;

    private final String senderServer;

    MessageComposer(MessageCodec codec, String senderServer) {
        this.codec = codec;
        this.senderServer = senderServer;
    }

    /**
     * @param text       the whole message in the text form, e.g. {@code server/LOG_ROTATE a=1}
     * @param parameters {@code name=value} or {@code name} (empty value); they replace parameters
     *                   of the same name written in {@code text}
     * @param secret     added as {@code secret_code}, or null
     * @param toServer   destination server name, or null; an error if {@code text} names one too
     * @param toService  destination service name, or null; an error if {@code text} names one too
     */
    Message compose(String text, List<String> parameters, String secret, String toServer, String toService)
            throws SignalException {
        Message parsed;
        try {
            parsed = codec.parse(text);
        } catch (MessageParseException e) {
            throw invalid("invalid message \"" + text + "\": " + e.getMessage());
        }
        try {
            Message.Builder builder = Message.builder(parsed.command())
                    .server(destination("server", parsed.server(), toServer, "--to-server"))
                    .service(destination("service", parsed.service(), toService, "--to-service"));
            if (parsed.sentFromServer().isEmpty() && parsed.sentFromService().isEmpty()) {
                builder.sentFrom(senderServer, SenderName.SERVICE);
            } else {
                // written by hand in the message: the user means it
                builder.sentFrom(parsed.sentFromServer(), parsed.sentFromService());
            }
            for (Map.Entry<String, String> parameter : parsed.parameters().entrySet()) {
                builder.parameter(parameter.getKey(), parameter.getValue());
            }
            for (String parameter : parameters) {
                addParameter(builder, parameter);
            }
            if (secret != null) {
                builder.parameter(Message.SECRET_CODE, secret);
            }
            Message message = builder.build();
            if (!message.server().isEmpty() && message.service().isEmpty()) {
                // the text form writes a server only in front of a service: it would be dropped
                throw invalid("the destination server \"" + message.server()
                        + "\" needs a destination service (server:service/COMMAND or --to-service)");
            }
            return message;
        } catch (InvalidMessageException e) {
            throw invalid("invalid message \"" + text + "\": " + e.getMessage());
        }
    }

    private static String destination(String role, String inText, String fromOption, String option)
            throws SignalException {
        if (fromOption == null) {
            return inText;
        }
        if (!inText.isEmpty()) {
            throw invalid("the destination " + role + " is given twice: \"" + inText + "\" in the message and \""
                    + fromOption + "\" with " + option);
        }
        return fromOption;
    }

    private static void addParameter(Message.Builder builder, String parameter) throws SignalException {
        int equal = parameter.indexOf('=');
        String name = equal < 0 ? parameter : parameter.substring(0, equal);
        String value = equal < 0 ? "" : parameter.substring(equal + 1);
        try {
            builder.parameter(name, value);
        } catch (InvalidMessageException e) {
            throw invalid("invalid --param \"" + parameter + "\": " + e.getMessage());
        }
    }

    private static SignalException invalid(String message) {
        return new SignalException(ExitCode.USAGE, message);
    }
}
