package org.eventdispatcher.dispatch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eventdispatcher.dispatch.DispatchProperties;
import org.eventdispatcher.dispatch.FakePeer;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.transport.HostPort;
import org.junit.jupiter.api.Test;

/** {@link Param} arguments: bound to the message's parameters, converted, and declared in the contract. */
class ParamBindingTest {

    @MessageHandlers
    static class Typed {
        final List<Object> seen = new ArrayList<>();

        @OnCommand("ALL")
        void all(
                @Param("s") String s,
                @Param("i") int i,
                @Param("l") long l,
                @Param("b") boolean b,
                @Param("t") Instant t,
                @Param("a") HostPort a,
                @Param("n") InetSocketAddress n,
                Peer from) {
            seen.addAll(List.of(s, i, l, b, t, a, n, from.canReply()));
        }

        @OnCommand("MAYBE")
        void maybe(
                @Param(value = "i", required = false) Integer i,
                @Param("o") Optional<Long> o,
                @Param(value = "d", defaultValue = "30") int d,
                @Param(value = "e", allowEmpty = true) String e,
                @Param(value = "x", allowEmpty = true, defaultValue = "false") boolean x,
                Message message) {
            seen.add(i == null ? "null" : i);
            seen.addAll(List.of(o, d, e, x, message.command()));
        }
    }

    private static MessageDispatcher dispatcher(Object... handlers) {
        MessageDispatcher dispatcher = new MessageDispatcher(new DispatchProperties(false, true, true), List.of());
        dispatcher.useHandlers(List.of(handlers), MessageDefinitions.load(List.of(), List.of()));
        return dispatcher;
    }

    private static List<String> answer(MessageDispatcher dispatcher, String line) {
        FakePeer peer = new FakePeer();
        dispatcher.receive(line.getBytes(StandardCharsets.UTF_8), peer);
        return peer.sentLines();
    }

    @Test
    void everySupportedTypeIsConverted() throws Exception {
        Typed typed = new Typed();
        assertThat(answer(
                        dispatcher(typed),
                        "ALL s=text;i=-7;l=9000000000;b=YES;t=1733600000.25;a=[::1]:4040;n=10.1.2.3:80"))
                .isEmpty();

        assertThat(typed.seen)
                .containsExactly(
                        "text",
                        -7,
                        9_000_000_000L,
                        true,
                        Instant.ofEpochSecond(1_733_600_000L, 250_000_000),
                        new HostPort("::1", 4040),
                        new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}), 80),
                        true);
    }

    @Test
    void missingAndEmptyValuesBecomeTheDefaultEmptyOrNull() {
        Typed typed = new Typed();
        MessageDispatcher dispatcher = dispatcher(typed);

        assertThat(answer(dispatcher, "MAYBE e=;x=")).isEmpty();
        assertThat(answer(dispatcher, "MAYBE i=4;o=5;d=6;e=seven;x=1")).isEmpty();

        assertThat(typed.seen)
                .containsExactly(
                        "null",
                        Optional.empty(),
                        30,
                        "",
                        false,
                        "MAYBE",
                        4,
                        Optional.of(5L),
                        6,
                        "seven",
                        true,
                        "MAYBE");
    }

    @Test
    void valuesOfTheWrongTypeAreAnsweredInvalidAllAtOnce() {
        Typed typed = new Typed();

        assertThat(answer(dispatcher(typed), "ALL s=;i=99999999999;l=1.5;b=maybe;t=noon;a=localhost;n=1.2.3.4:99999"))
                .containsExactly("INVALID command=ALL;message=empty parameter s,"
                        + " parameter i is not a 32-bit integer: \"99999999999\","
                        + " parameter l is not an integer: \"1.5\","
                        + " parameter b is not a boolean (true/false/yes/no/1/0): \"maybe\","
                        + " parameter t is not a timespec (seconds[.fraction]): \"noon\","
                        + " parameter a is not an IP address: \"localhost\","
                        + " parameter n is not an IP address: \"1.2.3.4:99999\"");
        assertThat(answer(dispatcher(typed), "MAYBE"))
                .containsExactly("INVALID command=MAYBE;message=missing required parameter e");
        assertThat(typed.seen).isEmpty();
    }

    @MessageHandlers
    static class UnsupportedType {
        @OnCommand("BAD")
        void bad(@Param("when") java.util.Date when) {}
    }

    @MessageHandlers
    static class PrimitiveMayBeMissing {
        @OnCommand("BAD")
        void bad(@Param(value = "n", required = false) int n) {}
    }

    @MessageHandlers
    static class DefaultOfTheWrongType {
        @OnCommand("BAD")
        void bad(@Param(value = "n", defaultValue = "ten") long n) {}
    }

    @MessageHandlers
    static class BoundTwice {
        @OnCommand("BAD")
        void bad(@Param("n") String n, @Param("n") String again) {}
    }

    @Test
    void badSignaturesStopTheStartNamingTheArgument() {
        assertThatThrownBy(() -> dispatcher(new UnsupportedType()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("argument when of " + UnsupportedType.class.getName() + ".bad")
                .hasMessageContaining("Date is not String, int, long");
        assertThatThrownBy(() -> dispatcher(new PrimitiveMayBeMissing()))
                .hasMessageContaining("argument n of")
                .hasMessageContaining(
                        "is a primitive int that may be missing: give it a defaultValue, or make it an Integer");
        assertThatThrownBy(() -> dispatcher(new DefaultOfTheWrongType()))
                .hasMessageContaining("its default \"ten\" is not an integer");
        assertThatThrownBy(() -> dispatcher(new BoundTwice())).hasMessageContaining("binds parameter n twice");
    }
}
