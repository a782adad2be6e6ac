package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.management.ClientConnectionHealthIndicator;
import org.eventdispatcher.management.ConnectionsEndpoint;
import org.eventdispatcher.management.ServerConnectionsHealthIndicator;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which parts a daemon gets, and the readiness group they make. */
class ManagementAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    IntegrationAutoConfiguration.class,
                    DispatcherAutoConfiguration.class,
                    DaemonAutoConfiguration.class,
                    TcpClientAutoConfiguration.class,
                    TcpServerAutoConfiguration.class,
                    ManagementAutoConfiguration.class,
                    EndpointAutoConfiguration.class,
                    ApplicationAvailabilityAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class,
                    HealthEndpointAutoConfiguration.class,
                    AvailabilityHealthContributorAutoConfiguration.class,
                    AvailabilityProbesAutoConfiguration.class))
            // what ManagementDefaults gives a daemon
            .withPropertyValues(
                    "management.endpoints.web.exposure.include=health,connections",
                    "management.endpoint.health.probes.enabled=true");

    @Test
    void withoutServerOrClientThereIsNoConnectionsHealthAndTheReadinessGroupIsBoots() {
        runner.run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(ConnectionsEndpoint.class)
                    .doesNotHaveBean(ManagementAutoConfiguration.HEALTH_INDICATOR);
            HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
            assertThat(groups.get("readiness").isMember("readinessState")).isTrue();
        });
    }

    @Test
    void aClientGetsItsConnectionsHealthInReadinessButNotInLiveness() throws IOException {
        runner.withPropertyValues("eventdispatcher.client.server=127.0.0.1:" + FreePorts.tcp())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ManagementAutoConfiguration.HEALTH_INDICATOR))
                            .isInstanceOf(ClientConnectionHealthIndicator.class);
                    HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                    assertThat(groups.get("readiness").isMember("connections")).isTrue();
                    assertThat(groups.get("readiness").isMember("readinessState"))
                            .isTrue();
                    assertThat(groups.get("liveness").isMember("connections")).isFalse();
                    assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
                });
    }

    @Test
    void aServerGetsItsConnectionsHealth() {
        runner.withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0")
                .run(context -> assertThat(context.getBean(ManagementAutoConfiguration.HEALTH_INDICATOR))
                        .isInstanceOf(ServerConnectionsHealthIndicator.class));
    }

    @Test
    void aDaemonThatIsBothGetsOneComponentForEach() throws IOException {
        runner.withPropertyValues("eventdispatcher.client.server=127.0.0.1:" + FreePorts.tcp())
                .withPropertyValues("eventdispatcher.server.listen=127.0.0.1:0")
                .run(context -> {
                    CompositeHealthContributor connections = context.getBean(
                            ManagementAutoConfiguration.HEALTH_INDICATOR, CompositeHealthContributor.class);
                    assertThat(connections.getContributor("tcpServer"))
                            .isInstanceOf(ServerConnectionsHealthIndicator.class);
                    assertThat(connections.getContributor("permanentConnection"))
                            .isInstanceOf(ClientConnectionHealthIndicator.class);
                });
    }

    @Test
    void aReadinessGroupSetInTheConfigurationWins() throws IOException {
        runner.withPropertyValues(
                        "eventdispatcher.client.server=127.0.0.1:" + FreePorts.tcp(),
                        "management.endpoint.health.group.readiness.include=readinessState")
                .run(context -> {
                    HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                    assertThat(groups.get("readiness").isMember("connections")).isFalse();
                });
    }

    @Test
    void theComponentCanBeTurnedOffAndReadinessThenLeavesItOut() throws IOException {
        runner.withPropertyValues(
                        "eventdispatcher.client.server=127.0.0.1:" + FreePorts.tcp(),
                        "management.health.connections.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ManagementAutoConfiguration.HEALTH_INDICATOR);
                    HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
                    assertThat(groups.get("readiness").isMember("connections")).isFalse();
                });
    }

    @Test
    void theConnectionsEndpointIsMadeOnlyWhenExposedButTheRegistryAlways() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=health")
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .doesNotHaveBean(ConnectionsEndpoint.class)
                        .hasSingleBean(ConnectionRegistry.class)); // the server's peer lookup and the meters read it
    }
}
