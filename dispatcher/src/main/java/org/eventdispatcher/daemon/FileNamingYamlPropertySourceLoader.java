package org.eventdispatcher.daemon;

import java.io.IOException;
import java.util.List;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * Spring Boot's YAML loader, whose syntax errors name the file: Boot passes the parser's message
 * on alone ("expected ',' or ']'"), and a daemon reads YAML from its jar and from
 * {@code /etc/eventdispatcher}. Ahead of Boot's own, so it is the one used.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class FileNamingYamlPropertySourceLoader implements PropertySourceLoader {

    private final YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();

    @Override
    public String[] getFileExtensions() {
        return yaml.getFileExtensions();
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return yaml.load(name, resource);
        } catch (RuntimeException e) {
            String where = UpstreamConfFile.where(resource);
            throw new IllegalStateException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }
}
