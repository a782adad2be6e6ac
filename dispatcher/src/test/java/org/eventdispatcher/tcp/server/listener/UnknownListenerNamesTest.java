package org.eventdispatcher.tcp.server.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;

/** A handler class limited to a listener the daemon does not name is said at start, naming its commands. */
class UnknownListenerNamesTest {

    @MessageHandlers(listeners = "admin")
    static class Admin {
        @OnCommand("RELOAD")
        Message reload(Message message) {
            return null;
        }

        @OnCommand("FLUSH")
        Message flush(Message message) {
            return null;
        }
    }

    @MessageHandlers
    static class Public {
        @OnCommand("PING")
        Message ping(Message message) {
            return null;
        }
    }

    private final MessageDispatcher dispatcher =
            new MessageDispatcher(new DispatchProperties(false, true, true), List.of());

    @Test
    void aMisspeltListenerNameIsSaidWithTheCommandsItHides() {
        dispatcher.useHandlers(List.of(new Admin(), new Public()));

        assertThat(dispatcher.commandsByListener()).containsOnlyKeys("admin");
        assertThat(UnknownListenerNames.problem(
                        ListenAddress.parseList("public=127.0.0.1:3001, adnim=unix:/run/x/admin.sock"),
                        dispatcher.commandsByListener()))
                .isEqualTo("handler classes are limited to listeners this server does not have: admin (FLUSH, RELOAD);"
                        + " their commands are UNKNOWN on every named listener"
                        + " (eventdispatcher.server.listen names adnim, public)");
    }

    @Test
    void nothingIsSaidWhenTheNameIsThereOrNoListenerIsNamed() {
        dispatcher.useHandlers(List.of(new Admin(), new Public()));

        assertThat(UnknownListenerNames.problem(
                        ListenAddress.parseList("127.0.0.1:3001, admin=unix:/run/x/admin.sock"),
                        dispatcher.commandsByListener()))
                .isNull();
        // unnamed listeners carry every command: nothing is hidden
        assertThat(UnknownListenerNames.problem(
                        ListenAddress.parseList("127.0.0.1:3001, [::1]:3001"), dispatcher.commandsByListener()))
                .isNull();
    }
}
