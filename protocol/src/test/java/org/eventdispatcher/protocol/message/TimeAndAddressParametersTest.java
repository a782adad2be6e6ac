package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import org.eventdispatcher.protocol.transport.HostPort;
import org.junit.jupiter.api.Test;

/** Timespec and address parameters read and written as upstream's typed helpers do (message.h). */
class TimeAndAddressParametersTest {

    @Test
    void aTimespecParameterIsReadAsAnInstant() {
        Message message = Message.builder("ALIVE")
                .parameter("timestamp", "1733600000.25")
                .parameter("whole", "1733600000")
                .build();
        assertThat(message.timespecParameter("timestamp")).isEqualTo(Instant.ofEpochSecond(1733600000, 250_000_000));
        assertThat(message.timespecParameter("whole")).isEqualTo(Instant.ofEpochSecond(1733600000));
    }

    @Test
    void anInstantIsWrittenAsUpstreamsTimestampWithoutTrailingZeros() {
        Message message = Message.builder("ALIVE")
                .parameter("timestamp", Instant.ofEpochSecond(1733600000, 500_000_000))
                .parameter("whole", Instant.ofEpochSecond(1733600000))
                .build();
        assertThat(message).hasToString("ALIVE timestamp=1733600000.5;whole=1733600000");
        assertThat(message.timespecParameter("timestamp")).isEqualTo(Instant.ofEpochSecond(1733600000, 500_000_000));
    }

    @Test
    void anAddressParameterIsReadAsAnIpAndAPort() {
        Message message = Message.builder("READY")
                .parameter("v4", "10.0.0.1:4040")
                .parameter("v6", "[::1]:4041")
                .parameter("bare", "10.0.0.2")
                .build();
        assertThat(message.addressParameter("v4")).isEqualTo(new HostPort("10.0.0.1", 4040));
        assertThat(message.addressParameter("v6")).isEqualTo(new HostPort("::1", 4041));
        assertThat(message.addressParameter("bare")).isEqualTo(new HostPort("10.0.0.2", 0));
    }

    @Test
    void aBadValueOrAMissingParameterNamesTheParameter() {
        Message message = Message.builder("READY")
                .parameter("my_address", "snap.example:4040")
                .parameter("timestamp", "noon")
                .build();
        assertThatThrownBy(() -> message.addressParameter("my_address"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("parameter \"my_address\" of message READY is not an IP address: \"snap.example:4040\"");
        assertThatThrownBy(() -> message.timespecParameter("timestamp"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage(
                        "parameter \"timestamp\" of message READY is not a timespec (seconds[.fraction]): \"noon\"");
        assertThatThrownBy(() -> message.timespecParameter("absent"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("message READY has no parameter \"absent\"");
        assertThatThrownBy(() -> message.addressParameter("absent"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("message READY has no parameter \"absent\"");
    }

    @Test
    void anAddressIsWrittenWithItsPortAndIpv6InBrackets() throws UnknownHostException {
        Message message = Message.builder("READY")
                .parameter("a", new HostPort("10.0.0.1", 4040))
                .parameter("b", new HostPort("::1", 4041))
                .parameter("c", new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 3}), 4042))
                .parameter("d", new InetSocketAddress(InetAddress.getByName("2001:db8:0:0:1:0:0:1"), 4043))
                .parameter("e", new InetSocketAddress(InetAddress.getByName("::"), 0))
                .build();
        assertThat(message)
                .hasToString("READY a=10.0.0.1:4040;b=[::1]:4041;c=10.0.0.3:4042;d=[2001:db8::1:0:0:1]:4043;e=[::]:0");
        assertThat(message.addressParameter("d")).isEqualTo(new HostPort("2001:db8::1:0:0:1", 4043));
    }

    @Test
    void anUnresolvedSocketAddressIsWrittenWithItsHostStringAndNotLookedUp() {
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved("daemon.invalid", 4040);
        assertThat(Message.builder("READY").parameter("a", unresolved).build())
                .hasToString("READY a=daemon.invalid:4040");
        assertThat(unresolved.isUnresolved()).isTrue();
    }

    @Test
    void ipv6IsWrittenInItsShortestFormAsInetNtopWritesIt() throws UnknownHostException {
        assertThat(shortForm("0:0:0:0:0:0:0:1")).isEqualTo("::1");
        assertThat(shortForm("1:0:0:0:0:0:0:0")).isEqualTo("1::");
        assertThat(shortForm("1:0:0:2:0:0:0:3")).isEqualTo("1:0:0:2::3");
        assertThat(shortForm("1:0:0:2:0:0:3:4")).isEqualTo("1::2:0:0:3:4");
        assertThat(shortForm("1:0:2:3:4:5:6:7")).isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(shortForm("FE80:0:0:0:0:0:0:ABCD")).isEqualTo("fe80::abcd");
    }

    private static String shortForm(String ipv6) throws UnknownHostException {
        return HostPort.of(new InetSocketAddress(InetAddress.getByName(ipv6), 1))
                .host();
    }
}
