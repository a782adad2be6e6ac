package org.eventdispatcher.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.info.BuildProperties;

/**
 * Reads a daemon's command line the way the C++ programs do (GNU style: {@code --listen 1.2.3.4:5}
 * or {@code --listen=1.2.3.4:5}) and turns each option into the Spring property behind it, so that
 * a property file, an environment variable and the command line all set the same thing.
 *
 * <p>{@code --trace} means "log every message received" here, not Spring Boot's own trace mode.
 * Any other {@code --name=value} passes through to Spring untouched.
 */
public final class DaemonCommandLine {

    /** Help: the column of option names, and the width descriptions wrap at. */
    private static final int NAMES = 36;

    private static final int WIDTH = 100;

    /** Exit status for a command line that cannot be read (upstream: 1). */
    public static final int USAGE_ERROR = 1;

    /**
     * One option.
     *
     * @param names    long names ({@code --listen}) and short ones ({@code -R}); the first is shown
     * @param property the Spring property it sets
     * @param flag     takes no value (sets {@code true})
     */
    public record Option(List<String> names, String property, boolean flag, String description) {

        public static Option value(String property, String description, String... names) {
            return new Option(List.of(names), property, false, description);
        }

        public static Option flag(String property, String description, String... names) {
            return new Option(List.of(names), property, true, description);
        }
    }

    /** Options every daemon has. */
    public static final List<Option> COMMON = List.of(
            Option.flag("eventdispatcher.dispatch.trace", "log every message received, with its peer", "--trace"),
            Option.value(
                    "eventdispatcher.dispatch.message-definitions",
                    "directories of message definition files, DIR[:DIR...], the first file found for a command"
                            + " wins (default /usr/share/eventdispatcher/messages)",
                    "--path-to-message-definitions"),
            Option.value("logging.file.name", "write the log to this file", "--log-file"),
            Option.value("logging.config", "logback configuration file", "--log-config"),
            Option.flag(
                    "eventdispatcher.broker.enabled",
                    "join the message broker (RabbitMQ at spring.rabbitmq.host/port, default localhost:5672)",
                    "--broker"),
            Option.value(
                    "eventdispatcher.node.server",
                    "this daemon's server name on the broker (default: the host name)",
                    "--node-server"),
            Option.value(
                    "eventdispatcher.node.service",
                    "this daemon's service name on the broker (default: its own name, e.g. server_service)",
                    "--node-service"));

    private final String program;
    private final String version;
    private final List<Option> options;

    /** @param application the daemon's main class: its jar's build information says the version */
    public DaemonCommandLine(String program, Class<?> application, List<Option> options) {
        this(program, version(application), options);
    }

    DaemonCommandLine(String program, String version, List<Option> options) {
        this.program = program;
        this.version = version;
        List<Option> all = new ArrayList<>(options);
        all.addAll(COMMON);
        this.options = List.copyOf(all);
    }

    /** What {@code --help} and {@code --version} ask for, or the arguments for Spring. */
    public sealed interface Result permits Run, Help, Version {}

    public record Run(String[] springArguments) implements Result {}

    public record Help() implements Result {}

    public record Version() implements Result {}

    /**
     * @throws IllegalArgumentException with a one-line message for an unknown option, a missing
     *                                  value or a stray argument
     */
    public Result parse(String[] args) {
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Help();
            }
            if (arg.equals("--version") || arg.equals("-V")) {
                return new Version();
            }
            int equal = arg.indexOf('=');
            String name = equal > 0 ? arg.substring(0, equal) : arg;
            Optional<Option> option = find(name);
            if (option.isEmpty()) {
                if (arg.startsWith("--") && equal > 2) {
                    spring.add(arg); // a Spring property, e.g. --management.server.port=0
                    continue;
                }
                throw new IllegalArgumentException(
                        arg.startsWith("-") ? "unknown option " + name : "unexpected argument \"" + arg + "\"");
            }
            String value;
            if (option.get().flag()) {
                value = equal > 0 ? arg.substring(equal + 1) : "true";
            } else if (equal > 0) {
                value = arg.substring(equal + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            spring.add("--" + option.get().property() + "=" + value);
        }
        return new Run(spring.toArray(String[]::new));
    }

    /**
     * The arguments for {@code SpringApplication.run}; prints help or version and exits 0, or
     * prints the problem and exits {@link #USAGE_ERROR}.
     */
    public String[] springArgumentsOrExit(String[] args) {
        try {
            Result result = parse(args);
            if (result instanceof Run run) {
                return run.springArguments();
            }
            if (result instanceof Help) {
                printHelp(System.out);
            } else {
                System.out.println(program + " " + version);
            }
            System.exit(0);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage() + " (see --help)");
            System.exit(USAGE_ERROR);
        }
        throw new IllegalStateException("unreachable");
    }

    /**
     * Runs the daemon: help, version and bad options as {@link #springArgumentsOrExit}; a start
     * that fails (Spring Boot has said why) ends the process with status 1 at once, whatever
     * threads a half-started library left behind.
     */
    public void run(Class<?> application, String[] args) {
        String[] springArguments = springArgumentsOrExit(args);
        try {
            SpringApplication.run(application, springArguments);
        } catch (SpringApplication.AbandonedRunException buildTimeRun) {
            throw buildTimeRun; // Spring AOT ran the context to generate code from it; not a failure
        } catch (RuntimeException failedToStart) {
            System.exit(1);
        }
    }

    /** Names in a column of {@value #NAMES} characters, descriptions wrapped to {@value #WIDTH}. */
    public void printHelp(PrintStream out) {
        out.println("Usage: " + program + " [options] [--spring.property=value ...]");
        out.println();
        for (Option option : options) {
            String names = String.join(", ", option.names()) + (option.flag() ? "" : " <value>");
            printEntry(out, names, option.description() + " (property " + option.property() + ")");
        }
        printEntry(out, "--help, -h", "show this help and exit");
        printEntry(out, "--version, -V", "show the version and exit");
    }

    /** Names too long for their column get a line of their own; the description follows, wrapped. */
    private static void printEntry(PrintStream out, String names, String description) {
        String indent = " ".repeat(NAMES + 3);
        StringBuilder line = new StringBuilder("  ").append(names);
        if (names.length() > NAMES) {
            out.println(line);
            line.setLength(0);
        }
        line.append(" ".repeat(NAMES + 3 - line.length()));
        boolean first = true;
        for (String word : description.split(" ")) {
            if (!first && line.length() + 1 + word.length() > WIDTH) {
                out.println(line);
                line.setLength(0);
                line.append(indent);
                first = true;
            }
            line.append(first ? "" : " ").append(word);
            first = false;
        }
        out.println(line);
    }

    private Optional<Option> find(String name) {
        return options.stream().filter(o -> o.names().contains(name)).findFirst();
    }

    /**
     * The version in the build information of the jar that holds {@code application}, the file
     * Spring Boot's {@link BuildProperties} come from (so {@code --version}, the start-up line and
     * {@code /actuator/info} agree); "(development)" outside a packaged jar.
     */
    static String version(Class<?> application) {
        try (InputStream in = application.getClassLoader().getResourceAsStream("META-INF/build-info.properties")) {
            if (in != null) {
                Properties file = new Properties();
                file.load(in);
                Properties build = new Properties();
                file.stringPropertyNames().stream()
                        .filter(name -> name.startsWith("build."))
                        .forEach(name -> build.setProperty(name.substring("build.".length()), file.getProperty(name)));
                String version = new BuildProperties(build).getVersion();
                if (version != null) {
                    return version;
                }
            }
        } catch (IOException e) {
            // unreadable: as if absent
        }
        return "(development)";
    }
}
