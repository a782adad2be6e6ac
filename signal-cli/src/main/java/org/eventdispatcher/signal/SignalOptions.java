package org.eventdispatcher.signal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * signal-cli's command line (PROTOCOL.md f.3 with the option names of its decision table),
 * declared through picocli's programmatic model rather than annotations: reading annotations
 * makes the JVM generate a proxy class per annotation type at run time, about 110 ms of a 430 ms
 * run when measured (BENCHMARKS.md). The fields below are the whole interface.
 */
final class SignalOptions {

    static final String DEFAULT_ADDRESS = DefaultAddresses.SERVER;
    static final String DEFAULT_TYPE = "tcp";
    static final String DEFAULT_BROKER = "amqp://guest:guest@localhost:5672/";
    static final String DEFAULT_EXCHANGE = "eventdispatcher";
    /** How long {@code --reply} without a value waits for the answer. */
    static final String DEFAULT_REPLY_TIMEOUT = "5s";

    private final OptionSpec server = OptionSpec.builder("--server", "--host", "-H")
            .paramLabel("host:port|unix:/path")
            .type(String.class)
            .defaultValue(DEFAULT_ADDRESS)
            .description("TCP and UDP: the daemon's address; a missing host is 127.0.0.1, a missing port 3001"
                    + " (default: ${DEFAULT-VALUE}); unix:/path: its Unix socket, with --type tcp; with amqp the"
                    + " message names its daemon")
            .build();
    private final OptionSpec type = OptionSpec.builder("-t", "--type")
            .paramLabel("tcp|udp|amqp")
            .type(String.class)
            .defaultValue(DEFAULT_TYPE)
            .description("send over TCP (one line on a new connection), UDP (one datagram) or the message broker"
                    + " (amqp: one message, to the daemon its destination names) (default: ${DEFAULT-VALUE})")
            .build();
    private final OptionSpec broker = OptionSpec.builder("--broker")
            .paramLabel("uri")
            .type(String.class)
            .defaultValue(DEFAULT_BROKER)
            .description("with --type amqp: the broker, amqp://user:password@host:5672/vhost, or amqps:// for TLS"
                    + " (default: amqp://guest:******@localhost:5672/)")
            .build();
    private final OptionSpec exchange = OptionSpec.builder("--exchange")
            .paramLabel("name")
            .type(String.class)
            .defaultValue(DEFAULT_EXCHANGE)
            .description("with --type amqp: the daemons' exchange (default: ${DEFAULT-VALUE})")
            .build();
    private final OptionSpec message = OptionSpec.builder("-m", "--message")
            .paramLabel("message")
            .type(String.class)
            .description("the whole message in the text form, e.g. \"QUIT\" or \"LOG_ROTATE secret_code=S\"")
            .build();
    private final PositionalParamSpec positionalMessage = PositionalParamSpec.builder()
            .index("0")
            .arity("0..1")
            .paramLabel("MESSAGE")
            .type(String.class)
            .description("the message, when --message is not given")
            .build();
    private final OptionSpec parameters = OptionSpec.builder("-p", "--param")
            .paramLabel("name[=value]")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .description("adds a parameter (name alone: empty value); repeatable; replaces one of the same name"
                    + " in the message")
            .build();
    private final OptionSpec secret = OptionSpec.builder("-c", "--secret", "--secret-code")
            .paramLabel("code")
            .type(String.class)
            .description("the secret of LOG_ROTATE or of QUIT (eventdispatcher.daemon.stop.secret), sent as the"
                    + " parameter " + Message.SECRET_CODE)
            .build();
    private final OptionSpec toServer = OptionSpec.builder("--to-server")
            .paramLabel("name")
            .type(String.class)
            .description("destination server name (or write server:service/ in the message)")
            .build();
    private final OptionSpec toService = OptionSpec.builder("--to-service")
            .paramLabel("name")
            .type(String.class)
            .description("destination service name (or write service/ in the message)")
            .build();
    private final OptionSpec reply = OptionSpec.builder("-r", "--reply")
            .paramLabel("timeout")
            .arity("0..1")
            .type(Duration.class)
            .parameterConsumer(new OptionalTimeout())
            .description("TCP and amqp: wait for the answer and print it on stdout, skipping the daemon's greeting HI;"
                    + " timeout like 5, 1.5s, 500ms, 1m (default " + DEFAULT_REPLY_TIMEOUT + "); over amqp, sent from"
                    + " <host:signal_cli_<run id> of its own unless the message names its sender")
            .build();
    private final OptionSpec encrypt = OptionSpec.builder("-e", "--encrypt")
            .paramLabel("yes|no")
            .arity("0..1")
            .type(boolean.class)
            .parameterConsumer(new OptionalFlag())
            .description("TCP only: speak TLS; alone, or with true, yes, 1 (false, no, 0: plaintext). The server's"
                    + " certificate must name the --server host or address")
            .build();
    private final OptionSpec ca = OptionSpec.builder("--ca")
            .paramLabel("file")
            .type(String.class)
            .description("with --encrypt: PEM certificates to trust (default: the JDK's trust store)")
            .build();
    private final OptionSpec cert = OptionSpec.builder("--cert")
            .paramLabel("file")
            .type(String.class)
            .description("with --encrypt: PEM client certificate, for mutual TLS (with --key)")
            .build();
    private final OptionSpec key = OptionSpec.builder("--key")
            .paramLabel("file")
            .type(String.class)
            .description("with --encrypt: PEM private key of --cert (PKCS#8, BEGIN PRIVATE KEY)")
            .build();
    private final OptionSpec verifyDefinitions = OptionSpec.builder("--verify-definitions")
            .paramLabel("DIR")
            .arity("1..*")
            .type(List.class)
            .auxiliaryTypes(String.class)
            .description("sends nothing: reads every message definition file (*.conf) of each directory (or file)"
                    + " given, names each broken one on stderr as file:line: problem, and says how many were read")
            .build();
    private final OptionSpec trace = OptionSpec.builder("--trace")
            .arity("0")
            .type(boolean.class)
            .description("show each step on stderr, and the stack trace of a failure")
            .build();

    /** The command's model: options, help texts, exit codes. */
    CommandSpec commandSpec(String... version) {
        CommandSpec spec = CommandSpec.create().name("signal-cli").version(version);
        spec.usageMessage()
                .sortOptions(false)
                .width(100)
                .description(
                        "Sends one message to an eventdispatcher daemon over TCP, UDP or the message broker (amqp).",
                        "The message is written in the text form, [<from_server:from_service ][server:][service/]COMMAND"
                                + "[ name=value;...]; it is checked before anything is sent, and signed"
                                + " <this_host:signal_cli unless it names its own sender.",
                        "")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes())
                .footerHeading("%nExamples:%n")
                .footer(
                        "  signal-cli QUIT                          stop the server on 127.0.0.1:3001",
                        "  signal-cli --server 127.0.0.1:3002 --type udp --secret S LOG_ROTATE",
                        "                                           rotate the server's logs",
                        "  signal-cli --reply HELP                  print the server's list of commands",
                        "  signal-cli --server unix:/run/eventdispatcher/server.sock QUIT",
                        "                                           stop the server through its Unix socket",
                        "  signal-cli --server 10.0.0.1:3001 --encrypt --ca ca.pem --secret S QUIT",
                        "                                           stop a TLS server elsewhere",
                        "  signal-cli --type amqp --broker amqp://user:pass@broker:5672/ '*:server_service/QUIT'",
                        "                                           stop every server_service on the broker",
                        "  signal-cli --verify-definitions /usr/share/eventdispatcher/messages",
                        "                                           check the message definition files there");
        spec.addPositional(positionalMessage);
        spec.addOption(server);
        spec.addOption(type);
        spec.addOption(broker);
        spec.addOption(exchange);
        spec.addOption(message);
        spec.addOption(parameters);
        spec.addOption(secret);
        spec.addOption(toServer);
        spec.addOption(toService);
        spec.addOption(reply);
        spec.addOption(encrypt);
        spec.addOption(ca);
        spec.addOption(cert);
        spec.addOption(key);
        spec.addOption(verifyDefinitions);
        spec.addOption(trace);
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .arity("0")
                .type(boolean.class)
                .description("show this help and exit")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .arity("0")
                .type(boolean.class)
                .description("print the version and exit")
                .build());
        return spec;
    }

    /** What the user asked for; defaults filled in. */
    SignalRequest read(ParseResult parsed) {
        List<String> parameterValues = parameters.getValue();
        return new SignalRequest(
                server.getValue(),
                type.getValue(),
                message.getValue(),
                positionalMessage.getValue(),
                parameterValues == null ? List.of() : parameterValues,
                secret.getValue(),
                toServer.getValue(),
                toService.getValue(),
                reply.getValue(),
                parsed.hasMatchedOption(trace),
                new TlsSettings(
                        Boolean.TRUE.equals(encrypt.getValue()), ca.getValue(), cert.getValue(), key.getValue()),
                broker.getValue(),
                exchange.getValue(),
                parsed.hasMatchedOption(server),
                parsed.hasMatchedOption(broker) || parsed.hasMatchedOption(exchange));
    }

    /** The {@code --verify-definitions} directories, or null when not asked to verify. */
    List<String> definitionsToVerify() {
        return verifyDefinitions.getValue();
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(Integer.toString(code.code()), code.meaning());
        }
        return exitCodes;
    }

    /**
     * Takes the argument after {@code --encrypt} only when it is one of the C++ tool's values
     * ({@code true}, {@code no}, {@code 1}...): {@code --encrypt QUIT} is QUIT over TLS.
     */
    private static final class OptionalFlag implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            boolean given = !args.isEmpty() && TlsSettings.isFlag(args.peek());
            argSpec.setValue(!given || TlsSettings.parseFlag(args.pop()));
        }
    }

    /**
     * Takes the argument after {@code --reply} only when it starts with a digit, so
     * {@code --reply HELP} means "HELP, with the default timeout" while {@code --reply 5x} is a
     * bad timeout rather than a message. No command starts with a digit: nothing is ambiguous.
     */
    private static final class OptionalTimeout implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            boolean given = !args.isEmpty()
                    && !args.peek().isEmpty()
                    && Character.isDigit(args.peek().charAt(0));
            String value = given ? args.pop() : DEFAULT_REPLY_TIMEOUT;
            try {
                argSpec.setValue(Durations.parse(value));
            } catch (TypeConversionException e) {
                throw new ParameterException(commandSpec.commandLine(), "invalid --reply: " + e.getMessage());
            }
        }
    }
}
