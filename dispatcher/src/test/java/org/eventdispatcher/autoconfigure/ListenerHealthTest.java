package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdispatcher.management.ServerConnectionsHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A server of several listeners has a connections health component per listener. */
class ListenerHealthTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    DaemonAutoConfiguration.class,
                    TcpServerAutoConfiguration.class,
                    ManagementAutoConfiguration.class,
                    EndpointAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class));

    @Test
    void eachListenerIsAComponentNamedByItsNameOrItsPlace() {
        runner.withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0, local=127.0.0.1:0")
                .run(context -> {
                    CompositeHealthContributor connections = context.getBean(
                            ManagementAutoConfiguration.HEALTH_INDICATOR, CompositeHealthContributor.class);
                    Health first = ((HealthIndicator) connections.getContributor("listener1")).health();
                    Health local = ((HealthIndicator) connections.getContributor("local")).health();
                    assertThat(first.getStatus()).isEqualTo(Status.UP);
                    assertThat(first.getDetails()).containsEntry("accepting", true);
                    assertThat(local.getStatus()).isEqualTo(Status.UP);
                    assertThat(local.getDetails())
                            .containsEntry("name", "local")
                            .containsEntry("openConnections", 0L)
                            .containsKey("address");
                });
    }

    @Test
    void oneListenerKeepsTheServersOneComponent() {
        runner.withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0")
                .run(context -> assertThat(context.getBean(ManagementAutoConfiguration.HEALTH_INDICATOR))
                        .isInstanceOf(ServerConnectionsHealthIndicator.class));
    }
}
