package org.eventdispatcher.dispatch.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.protocol.contract.DefinitionFile;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The definition files an application carries in its jars, under
 * {@link MessageDefinitions#APPLICATION_RESOURCES}: {@code META-INF/eventdispatcher/messages/DAD.conf}.
 * Spring finds them in every jar of the class path, which plain Java cannot list.
 */
public final class ApplicationDefinitions {

    private ApplicationDefinitions() {}

    /** In class path order: where two jars define one command, the first one's counts. */
    public static List<MessageDefinitions.Source> onClassPath(ResourceLoader loader) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver(loader)
                    .getResources(
                            "classpath*:" + MessageDefinitions.APPLICATION_RESOURCES + "*" + DefinitionFile.SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + MessageDefinitions.APPLICATION_RESOURCES, e);
        }
        List<MessageDefinitions.Source> sources = new ArrayList<>(resources.length);
        for (Resource resource : resources) {
            String name = resource.getFilename();
            if (name == null || !name.endsWith(DefinitionFile.SUFFIX)) {
                continue;
            }
            sources.add(new MessageDefinitions.Source(
                    name.substring(0, name.length() - DefinitionFile.SUFFIX.length()),
                    describe(resource),
                    resource::getInputStream));
        }
        return sources;
    }

    private static String describe(Resource resource) {
        try {
            return resource.getURL().toString();
        } catch (IOException e) {
            return resource.getDescription();
        }
    }
}
