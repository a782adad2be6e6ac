package org.eventdispatcher.daemon;

import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.aot.AotDetector;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.NativeDetector;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps a start with Spring AOT's generated context ({@code -Dspring.aot.enabled=true}, as the
 * launchers ask) from ignoring the configuration: once every configuration file, variable and
 * option is read, and before the context is made, the values that decided the generated context
 * at build time ({@link BuildTimeConditions}) are compared with this run's. When they differ, or the
 * jar was built without Spring AOT, the daemon starts the ordinary way (slower, never wrong) and
 * says why in one line.
 */
public class GeneratedContextCheck implements EnvironmentPostProcessor, Ordered {

    private final Log log;

    public GeneratedContextCheck(DeferredLogFactory logs) {
        this.log = logs.getLog(GeneratedContextCheck.class);
    }

    /** Last: after the configuration files and every other default are in. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!AotDetector.useGeneratedArtifacts() || NativeDetector.inNativeImage()) {
            return;
        }
        Map<String, String> built = BuildTimeConditions.read(application.getClassLoader());
        if (built == null) {
            startOrdinarily("this jar holds no generated context (built without Spring AOT)");
            return;
        }
        List<String> differences = BuildTimeConditions.differences(built, BuildTimeConditions.of(environment));
        if (differences.isEmpty()) {
            log.debug("starting with the context generated at build time (Spring AOT)");
        } else {
            startOrdinarily("the configuration differs from the build's: " + String.join("; ", differences));
        }
    }

    private void startOrdinarily(String reason) {
        // read by Spring Boot when it makes the context, which comes after this
        System.setProperty(AotDetector.AOT_ENABLED, "false");
        log.info("starting without the context generated at build time, as " + reason);
    }
}
