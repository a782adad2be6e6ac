package org.eventdispatcher.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * Reads the daemon's settings from {@code /etc/eventdispatcher/}, as the C++ daemons do: for the
 * server {@code server.properties}, {@code server.yml} (or {@code .yaml}) and {@code server.conf},
 * the last in the C++ daemons' own {@code name=value} format ({@link UpstreamConfFile}); the client
 * reads {@code client.*}. All are optional; in that order the first holding a property wins.
 *
 * <p>They rank where the C++ daemons rank their configuration file: above the settings packaged
 * in the jar (application.yml), below environment variables and the command line.
 *
 * <p>The name comes from {@code eventdispatcher.config-name}, else from
 * {@code spring.application.name} without a {@code -service} suffix ({@code server-service} reads
 * {@code server.*}). The directory is {@code eventdispatcher.config-dir}
 * ({@code EVENTDISPATCHER_CONFIG_DIR}); empty turns the lookup off.
 */
public class ConfigDirectory implements EnvironmentPostProcessor, Ordered {

    public static final String DIRECTORY_PROPERTY = "eventdispatcher.config-dir";
    public static final String NAME_PROPERTY = "eventdispatcher.config-name";
    public static final String DEFAULT_DIRECTORY = "/etc/eventdispatcher";

    /** Prefix of the property sources added, followed by the file. */
    public static final String SOURCE_PREFIX = "eventdispatcher config file ";

    /** Just after application.yml was read, so that the daemon's name is known. */
    public static final int ORDER = ConfigDataEnvironmentPostProcessor.ORDER + 1;

    private final Log log;

    public ConfigDirectory(DeferredLogFactory logs) {
        this.log = logs.getLog(ConfigDirectory.class);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String directory = environment.getProperty(DIRECTORY_PROPERTY, DEFAULT_DIRECTORY).strip();
        String name = configName(environment);
        if (directory.isEmpty() || name == null) {
            return;
        }
        List<PropertySource<?>> found = new ArrayList<>(); // first wins
        try {
            for (String extension : List.of("properties", "yml", "yaml", "conf")) {
                Path file = Path.of(directory, name + "." + extension);
                if (Files.isRegularFile(file)) {
                    found.addAll(load(file, extension));
                    log.info("Reading settings from " + file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the configuration in " + directory + ": " + e.getMessage(), e);
        }
        insert(environment.getPropertySources(), found);
    }

    static String configName(ConfigurableEnvironment environment) {
        String name = environment.getProperty(NAME_PROPERTY);
        if (name == null || name.isBlank()) {
            name = environment.getProperty("spring.application.name");
            if (name == null || name.isBlank()) {
                return null;
            }
            if (name.endsWith("-service")) {
                name = name.substring(0, name.length() - "-service".length());
            }
        }
        return name.strip();
    }

    private static List<PropertySource<?>> load(Path file, String extension) throws IOException {
        String sourceName = SOURCE_PREFIX + "[" + file + "]";
        FileSystemResource resource = new FileSystemResource(file);
        try {
            List<PropertySource<?>> documents = switch (extension) {
                case "conf" -> List.of(new MapPropertySource(sourceName, UpstreamConfFile.read(file)));
                case "properties" -> new PropertiesPropertySourceLoader().load(sourceName, resource);
                default -> new YamlPropertySourceLoader().load(sourceName, resource);
            };
            // in a file of several documents (---) the later one wins, as in application.yml
            List<PropertySource<?>> firstWins = new ArrayList<>(documents);
            Collections.reverse(firstWins);
            return firstWins;
        } catch (RuntimeException e) {
            // a YAML syntax error, say: the message then names the file
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Above the application's own config files, below environment variables and the command line. */
    private static void insert(MutablePropertySources sources, List<PropertySource<?>> found) {
        String applicationConfig = sources.stream().map(PropertySource::getName)
                .filter(n -> n.startsWith("Config resource ")).findFirst().orElse(null);
        String previous = null;
        for (PropertySource<?> source : found) {
            if (previous != null) {
                sources.addAfter(previous, source);
            } else if (applicationConfig != null) {
                sources.addBefore(applicationConfig, source);
            } else if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
                sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
            } else {
                sources.addLast(source);
            }
            previous = source.getName();
        }
    }
}
