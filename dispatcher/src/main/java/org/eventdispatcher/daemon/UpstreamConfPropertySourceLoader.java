package org.eventdispatcher.daemon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * Lets Spring Boot read the C++ daemons' configuration files ({@code server.conf},
 * {@code client.conf}; {@link UpstreamConfFile}) wherever it reads configuration: the daemons
 * import {@code /etc/eventdispatcher/<name>.conf} with {@code spring.config.import}, beside the
 * {@code .properties} and {@code .yml} files Boot reads on its own.
 */
public class UpstreamConfPropertySourceLoader implements PropertySourceLoader {

    @Override
    public String[] getFileExtensions() {
        return new String[] {"conf"};
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        String where = UpstreamConfFile.where(resource);
        List<String> lines;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            lines = reader.lines().toList();
        }
        return List.of(new OriginTrackedMapPropertySource(name, UpstreamConfFile.read(where, lines), true));
    }
}
