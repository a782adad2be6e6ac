package org.eventdispatcher.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
                .withConfiguration(AutoConfigurations.of(DispatcherAutoConfiguration.class)) // no DaemonAutoConfiguration
                .withBean(Halting.class)
                .run(context -> {
                    FakePeer peer = new FakePeer();
                    context.getBean(MessageDispatcher.class).receive("HALT", peer);

                    assertThat(context.getBean(Halting.class).handled).isEmpty();
                    assertThat(peer.sentLines()).containsExactly(
                            "INVALID command=HALT;message=no stop rule is configured (eventdispatcher.daemon.stop.*)");
                });
    }
}
