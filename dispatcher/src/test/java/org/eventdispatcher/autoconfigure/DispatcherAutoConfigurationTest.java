package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.StopsDaemon;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DispatcherAutoConfigurationTest {

    @MessageHandlers
    static class Halting {

        final List<String> handled = new CopyOnWriteArrayList<>();

        @OnCommand("HALT")
        @StopsDaemon
        void halt() {
            handled.add("HALT");
        }
    }

    @Test
    void withoutAStopRuleNobodyMayStopTheDaemon() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(DispatcherAutoConfiguration.class)) // no DaemonAutoConfiguration
                .withBean(Halting.class)
                .run(context -> {
                    FakePeer peer = new FakePeer();
                    context.getBean(MessageDispatcher.class).receive("HALT", peer);

                    assertThat(context.getBean(Halting.class).handled).isEmpty();
                    assertThat(peer.sentLines())
                            .containsExactly(
                                    "INVALID command=HALT;message=no stop rule is configured (eventdispatcher.daemon.stop.*)");
                });
    }

    @Test
    void maxParametersIsASettingOfItsOwnAndAtLeastOne() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DispatcherAutoConfiguration.class));
        runner.run(
                context -> assertThat(context.getBean(DispatchProperties.class).maxParameters())
                        .isEqualTo(1_000));
        runner.withPropertyValues("eventdispatcher.dispatch.max-parameters=2").run(context -> {
            FakePeer peer = new FakePeer();
            context.getBean(MessageDispatcher.class).receive("HELP a=1;b=2;c=3", peer);
            assertThat(peer.sentLines()).singleElement().asString().startsWith("INVALID message=TOO_MANY_PARAMETERS");
        });
        runner.withPropertyValues("eventdispatcher.dispatch.max-parameters=0").run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("eventdispatcher.dispatch.max-parameters must be 1 or more, not 0"));
    }
}
