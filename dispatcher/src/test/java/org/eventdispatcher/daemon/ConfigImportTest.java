package org.eventdispatcher.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Real Spring Boot start-ups reading a configuration directory made in a temp folder, imported by
 * the server daemon's own application.yml (read from its module, not copied here) as it imports
 * {@code /etc/eventdispatcher}: Boot's {@code spring.config.import}, with
 * {@link UpstreamConfPropertySourceLoader} for the C++ {@code .conf} format.
 */
class ConfigImportTest {

    /** The daemons' packaged settings, as their jars carry them (the tests run in this module's directory). */
    private static final Path SERVER_YML = Path.of("../server-service/src/main/resources/application.yml");

    private static final Path CLIENT_YML = Path.of("../client-service/src/main/resources/application.yml");

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    @TempDir
    Path temp;

    private Path etc;
    private Path packaged;

    @BeforeAll
    static void leaveLoggingAlone() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }

    @AfterAll
    static void restoreLogging() {
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    }

    @BeforeEach
    void packagedSettings() throws IOException {
        etc = Files.createDirectory(temp.resolve("etc"));
        packaged = SERVER_YML.toAbsolutePath().normalize();
    }

    @Test
    void bothDaemonsImportTheSameFilesEachUnderItsOwnName() throws IOException {
        List<String> server = imports(SERVER_YML);
        assertThat(server)
                .as("the server's imports")
                .hasSize(4)
                .allMatch(line -> line.contains("${eventdispatcher.config-dir:/etc/eventdispatcher}/"
                        + "${eventdispatcher.config-name:server}."));
        assertThat(imports(CLIENT_YML))
                .as("the client's: the server's, named client")
                .isEqualTo(server.stream()
                        .map(line -> line.replace("config-name:server}", "config-name:client}"))
                        .toList());
    }

    private static List<String> imports(Path yml) throws IOException {
        return Files.readAllLines(yml).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("- optional:file:"))
                .toList();
    }

    @Test
    void anUpstreamConfFileOverridesThePackagedSettings() throws IOException {
        write(etc.resolve("server.conf"), """
                # the C++ server's file
                listen = 127.0.0.1:4001
                log_rotate_secret="s e c"
                trace
                eventdispatcher.server.max-connections=5
                """);
        ConfigurableEnvironment environment = start();

        assertThat(environment.getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:4001");
        assertThat(environment.getProperty("eventdispatcher.log-rotate.secret")).isEqualTo("s e c");
        assertThat(environment.getProperty("eventdispatcher.dispatch.trace")).isEqualTo("true");
        assertThat(environment.getProperty("eventdispatcher.server.max-connections"))
                .isEqualTo("5");
        assertThat(environment.getProperty("eventdispatcher.log-rotate.listen"))
                .as("not in the file")
                .isEqualTo("127.0.0.1:3002");
    }

    @Test
    void propertiesBeatYamlAndYamlBeatsConf() throws IOException {
        write(
                etc.resolve("server.conf"),
                "listen=127.0.0.1:4001\nlog-rotate-listen=127.0.0.1:4002\nlog-rotate-secret=conf\n");
        write(etc.resolve("server.yml"), """
                eventdispatcher:
                  server.listen: 127.0.0.1:5001
                  log-rotate.listen: 127.0.0.1:5002
                ---
                eventdispatcher.log-rotate.listen: 127.0.0.1:5003
                """);
        write(etc.resolve("server.properties"), "eventdispatcher.server.listen=127.0.0.1:6001\n");
        ConfigurableEnvironment environment = start();

        assertThat(environment.getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:6001");
        assertThat(environment.getProperty("eventdispatcher.log-rotate.listen"))
                .as("the later YAML document")
                .isEqualTo("127.0.0.1:5003");
        assertThat(environment.getProperty("eventdispatcher.log-rotate.secret")).isEqualTo("conf");
    }

    @Test
    void theCommandLineBeatsTheFiles() throws IOException {
        write(etc.resolve("server.conf"), "listen=127.0.0.1:4001\n");
        ConfigurableEnvironment environment = start("--eventdispatcher.server.listen=127.0.0.1:7001");

        assertThat(environment.getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:7001");
    }

    @Test
    void theNameChoosesTheFiles() throws IOException {
        write(etc.resolve("server.conf"), "listen=127.0.0.1:4001\n");
        write(etc.resolve("client.conf"), "server=127.0.0.2:3001\nlogrotate-listen=127.0.0.1:4003\n");
        ConfigurableEnvironment environment = start("--eventdispatcher.config-name=client");

        assertThat(environment.getProperty("eventdispatcher.client.server")).isEqualTo("127.0.0.2:3001");
        assertThat(environment.getProperty("eventdispatcher.log-rotate.listen")).isEqualTo("127.0.0.1:4003");
        assertThat(environment.getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:3001");
    }

    @Test
    void theNameCanBeGivenOutright() throws IOException {
        write(etc.resolve("edge.conf"), "listen=127.0.0.1:4001\n");
        ConfigurableEnvironment environment = start("--eventdispatcher.config-name=edge");

        assertThat(environment.getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:4001");
    }

    @Test
    void noDirectoryOrAnEmptyOneChangesNothing() throws IOException {
        assertThat(start().getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:3001");
        Files.delete(etc);
        assertThat(start().getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:3001");
    }

    @Test
    void devNullAsTheDirectoryReadsNone() throws IOException {
        write(etc.resolve("server.conf"), "listen=127.0.0.1:4001\n");
        assertThat(start("--eventdispatcher.config-dir=/dev/null").getProperty("eventdispatcher.server.listen"))
                .isEqualTo("127.0.0.1:3001");
    }

    @Test
    void anUnknownOptionFailsTheStartNamingFileAndLine() throws IOException {
        write(etc.resolve("server.conf"), "# typo below\nlisten=127.0.0.1:4001\nlisen=127.0.0.1:4001\n");

        assertThatThrownBy(this::start)
                .hasMessageContaining(etc.resolve("server.conf") + " line 3: unknown option \"lisen\"");
    }

    @Test
    void aBrokenYamlFileFailsTheStartNamingTheFile() throws IOException {
        write(etc.resolve("server.yml"), "eventdispatcher: [unclosed\n");

        assertThatThrownBy(this::start).hasMessageContaining("cannot read " + etc.resolve("server.yml"));
    }

    @Test
    void theDirectoryCanComeFromAnEnvironmentVariable() throws IOException {
        write(etc.resolve("server.conf"), "listen=127.0.0.1:4001\n");
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("EVENTDISPATCHER_CONFIG_DIR", etc.toString())));

        ConfigurableEnvironment started = start(environment, "--spring.config.location=file:" + packaged);

        assertThat(started.getProperty("eventdispatcher.server.listen")).isEqualTo("127.0.0.1:4001");
    }

    private ConfigurableEnvironment start(String... extra) {
        List<String> args = new ArrayList<>(
                List.of("--spring.config.location=file:" + packaged, "--eventdispatcher.config-dir=" + etc));
        args.addAll(List.of(extra));
        return start(new StandardEnvironment(), args.toArray(String[]::new));
    }

    private static ConfigurableEnvironment start(ConfigurableEnvironment environment, String... args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
                .environment(environment)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(args)) {
            return context.getEnvironment();
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
