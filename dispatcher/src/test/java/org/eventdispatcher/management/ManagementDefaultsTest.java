package org.eventdispatcher.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

class ManagementDefaultsTest {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {}

    @BeforeAll
    static void leaveLoggingAlone() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }

    @AfterAll
    static void restoreLogging() {
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    }

    @Test
    void aDaemonGetsTheDefaultsAndItsOwnSettingsWin(@TempDir Path dir) throws IOException {
        Path yml = Files.writeString(dir.resolve("application.yml"), "management.server.address: 127.0.0.2\n");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Nothing.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run("--spring.config.location=file:" + yml, "--eventdispatcher.config-dir=/dev/null")) {
            ConfigurableEnvironment environment = context.getEnvironment();

            assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                    .isEqualTo("health,info,prometheus,connections");
            assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(environment.getProperty("management.endpoint.health.probes.enabled"))
                    .isEqualTo("true");
            assertThat(environment.getProperty("management.endpoint.health.show-details"))
                    .isEqualTo("always");
            assertThat(environment.getProperty("management.server.address")).isEqualTo("127.0.0.2");
            assertThat(environment.getProperty("management.metrics.enable.spring.integration"))
                    .isEqualTo("false");
            assertThat(environment.getProperty("spring.integration.management.default-logging-enabled"))
                    .isEqualTo("false");
            assertThat(environment.getPropertySources().contains(ManagementDefaults.PROPERTY_SOURCE))
                    .isTrue();
        }
    }
}
