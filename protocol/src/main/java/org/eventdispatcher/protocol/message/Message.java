package org.eventdispatcher.protocol.message;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.eventdispatcher.protocol.transport.HostPort;

/**
 * One eventdispatcher message: who sent it, where it goes, the command and its named parameters
 * (PROTOCOL.md a.1). Immutable. Parameters are kept in Unicode code point order of their names,
 * which is the order they take on the wire.
 *
 * <p>Build one with {@link #of(String)}, {@link #builder(String)} or, to answer a request,
 * {@link #reply(Message, String)}; every name is checked against the rules of PROTOCOL.md a.2.
 * Messages read from the wire come from {@link MessageCodec}, which is as lenient as upstream.
 */
public final class Message {

    /** Code point order: the UTF-8 byte order upstream's {@code std::map} gives ({@link CodePointOrder}). */
    public static final Comparator<String> NAME_ORDER = CodePointOrder::compare;

    /** The parameter that carries a shared secret ({@code LOG_ROTATE}, a stop), never to be logged. */
    public static final String SECRET_CODE = "secret_code";

    private final String sentFromServer;
    private final String sentFromService;
    private final String server;
    private final String service;
    private final String command;
    private final ParameterMap parameters;

    /**
     * Trusts its caller: no name is checked and the map is taken over, not copied (the parsers
     * hand over a map nobody else holds).
     */
    Message(
            String sentFromServer,
            String sentFromService,
            String server,
            String service,
            String command,
            ParameterMap parameters) {
        this.sentFromServer = sentFromServer;
        this.sentFromService = sentFromService;
        this.server = server;
        this.service = service;
        this.command = command;
        this.parameters = parameters == null ? ParameterMap.EMPTY : parameters;
    }

    /** A message holding only a command, e.g. {@code Message.of("CLIMB")}. */
    public static Message of(String command) {
        return new Message("", "", "", "", MessageNames.requireCommand(command), ParameterMap.EMPTY);
    }

    public static Builder builder(String command) {
        return new Builder(command);
    }

    /** The answer to {@code request}: addressed to whoever sent it (reply-to, PROTOCOL.md b.1). */
    public static Message reply(Message request, String command) {
        return replyBuilder(request, command).build();
    }

    /** A builder for an answer to {@code request}, for replies that carry parameters. */
    public static Builder replyBuilder(Message request, String command) {
        Builder builder = new Builder(command);
        builder.server = request.sentFromServer;
        builder.service = request.sentFromService;
        return builder;
    }

    /** A builder holding this message's fields as they are (names read from the wire are not re-checked). */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.command = command;
        builder.sentFromServer = sentFromServer;
        builder.sentFromService = sentFromService;
        builder.server = server;
        builder.service = service;
        if (!parameters.isEmpty()) {
            builder.mutableParameters().putAll(parameters);
        }
        return builder;
    }

    public String sentFromServer() {
        return sentFromServer;
    }

    public String sentFromService() {
        return sentFromService;
    }

    public String server() {
        return server;
    }

    public String service() {
        return service;
    }

    public String command() {
        return command;
    }

    /**
     * Whether this message must never be answered: {@code ABSOLUTELY} (the answer to
     * {@code ALIVE}), {@code UNKNOWN} and {@code INVALID} (PROTOCOL.md b.3). Answering any of them,
     * even with {@code UNKNOWN}, would start a ping-pong between two daemons; and a daemon that sent
     * one waits for nothing.
     */
    public boolean isNeverAnswered() {
        return switch (command) {
            case "ABSOLUTELY", "UNKNOWN", "INVALID" -> true;
            default -> false;
        };
    }

    /** Unmodifiable, sorted in {@link #NAME_ORDER} (the wire order). */
    public SortedMap<String, String> parameters() {
        return parameters;
    }

    /** The same map as {@link #parameters()}, for the codec's index-based loops. */
    ParameterMap parameterMap() {
        return parameters;
    }

    public boolean hasParameter(String name) {
        return parameters.containsKey(name);
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** The value of a parameter that must be present. */
    public String stringParameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new InvalidMessageException("message " + command + " has no parameter \"" + name + "\"");
        }
        return value;
    }

    public int intParameter(String name) {
        return typed(name, "an integer", value -> Integer.parseInt(asciiDigits(value)));
    }

    public long longParameter(String name) {
        return typed(name, "an integer", value -> Long.parseLong(asciiDigits(value)));
    }

    /** {@code true/false}, {@code yes/no} or {@code 1/0}, case-insensitive. */
    public boolean booleanParameter(String name) {
        return typed(name, "a boolean (true/false, yes/no, 1/0)", value -> switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException();
        });
    }

    /** A {@code timespec} parameter, {@code seconds[.fraction]} (upstream's {@code get_timespec_parameter()}). */
    public Instant timespecParameter(String name) {
        return typed(name, "a timespec (seconds[.fraction])", Timespec::parse);
    }

    /**
     * An {@code address} parameter: an IP address with an optional port (0 when none), never a
     * host name (upstream's {@code get_address_parameter()}; read as {@link HostPort#parseAddress}).
     */
    public HostPort addressParameter(String name) {
        return typed(name, "an IP address", HostPort::parseAddress);
    }

    /** A present parameter's value converted, or an exception naming the parameter, the message and the value. */
    /** A sign and ASCII digits only: {@code parseInt} would also read other scripts' digits, upstream does not. */
    private static String asciiDigits(String value) {
        for (int i = value.startsWith("-") || value.startsWith("+") ? 1 : 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new NumberFormatException();
            }
        }
        return value;
    }

    private <T> T typed(String name, String expected, Function<String, T> conversion) {
        String value = stringParameter(name);
        try {
            return conversion.apply(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(
                    "parameter \"" + name + "\" of message " + command + " is not " + expected + ": \"" + value + "\"",
                    e);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Message that
                && command.equals(that.command)
                && sentFromServer.equals(that.sentFromServer)
                && sentFromService.equals(that.sentFromService)
                && server.equals(that.server)
                && service.equals(that.service)
                && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sentFromServer, sentFromService, server, service, command, parameters);
    }

    /** The text form, as it goes on the wire (without the line feed). */
    @Override
    public String toString() {
        return MessageCodec.standard().write(this);
    }

    /** Builds a {@link Message}, checking every name as it is set (PROTOCOL.md a.2). */
    public static final class Builder {

        private String command;
        private String sentFromServer = "";
        private String sentFromService = "";
        private String server = "";
        private String service = "";
        /** Created on the first parameter: most replies carry none. */
        private TreeMap<String, String> parameters;

        private Builder() {}

        private Builder(String command) {
            command(command);
        }

        public Builder command(String command) {
            this.command = MessageNames.requireCommand(command);
            return this;
        }

        public Builder sentFrom(String server, String service) {
            this.sentFromServer = MessageNames.requireSentFrom("sent-from server", server);
            this.sentFromService = MessageNames.requireSentFrom("sent-from service", service);
            return this;
        }

        public Builder server(String server) {
            this.server = MessageNames.requireDestination("server", server);
            return this;
        }

        public Builder service(String service) {
            this.service = MessageNames.requireDestination("service", service);
            return this;
        }

        /** Adds a parameter; a parameter of the same name is replaced. */
        public Builder parameter(String name, String value) {
            mutableParameters().put(MessageNames.requireParameterName(name), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder parameter(String name, long value) {
            return parameter(name, Long.toString(value));
        }

        public Builder parameter(String name, boolean value) {
            return parameter(name, Boolean.toString(value));
        }

        /** A timespec, as upstream's {@code to_timestamp(true)}: {@code 1733600000.5} ({@link Timespec#format}). */
        public Builder parameter(String name, Instant value) {
            return parameter(name, Timespec.format(value));
        }

        /** An address, {@code 10.0.0.1:4040} or {@code [::1]:4040}. */
        public Builder parameter(String name, HostPort value) {
            return parameter(name, value.toString());
        }

        /** An address as {@link HostPort#of(InetSocketAddress)} writes it: never a DNS lookup. */
        public Builder parameter(String name, InetSocketAddress value) {
            return parameter(name, HostPort.of(value));
        }

        public Builder parameters(Map<String, String> values) {
            values.forEach(this::parameter);
            return this;
        }

        public Builder removeParameter(String name) {
            if (parameters != null) {
                parameters.remove(name);
            }
            return this;
        }

        public Message build() {
            ParameterMap built = parameters == null ? ParameterMap.EMPTY : ParameterMap.copyOf(parameters);
            return new Message(sentFromServer, sentFromService, server, service, command, built);
        }

        private TreeMap<String, String> mutableParameters() {
            if (parameters == null) {
                parameters = new TreeMap<>(NAME_ORDER);
            }
            return parameters;
        }
    }
}
