package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eventdispatcher.protocol.message.InvalidMessageException;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.eventdispatcher.protocol.message.MessageParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A daemon's address on the broker and the routing built on it (PROTOCOL.md h.1 to h.3): the names
 * it takes, its queue and binding keys, and the key each kind of destination is published with.
 */
class BrokerAddressRoutingTest {

    private static final BrokerAddress WEB_CACHE = new BrokerAddress("web", "cache");

    @Test
    void aDaemonsQueueAndKeysAreBuiltFromItsNames() {
        assertThat(WEB_CACHE.queue()).isEqualTo("ed.web.cache");
        assertThat(WEB_CACHE.routingKey()).isEqualTo("web.cache");
        assertThat(WEB_CACHE.serviceRoutingKey()).isEqualTo("all.cache");
        assertThat(WEB_CACHE).hasToString("web:cache");
    }

    @Test
    void anAddressIsReadAsUsersWriteItSpacesAroundTheNamesDropped() {
        assertThat(BrokerAddress.parse("web:cache")).isEqualTo(WEB_CACHE);
        assertThat(BrokerAddress.parse(" web : cache ")).isEqualTo(WEB_CACHE);
    }

    @Test
    void anAddressWithoutAColonSaysHowToWriteIt() {
        assertThatThrownBy(() -> BrokerAddress.parse("webcache"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("invalid broker address \"webcache\": write it server:service");
    }

    @ParameterizedTest
    @ValueSource(strings = {":cache", "1web:cache", "we-b:cache", "web.x:cache"})
    void aServerNameOutsideTheNameRulesIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> BrokerAddress.parse(text))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("invalid server name \"" + text.substring(0, text.indexOf(':')) + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web:", "web:1cache", "web:ca-che"})
    void aServiceNameOutsideTheNameRulesIsRefusedNamingIt(String text) {
        assertThatThrownBy(() -> BrokerAddress.parse(text))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("invalid service name \"" + text.substring(text.indexOf(':') + 1) + "\"");
    }

    @Test
    void theServerNameAllIsReservedForEveryDaemonOfAService() {
        assertThatThrownBy(() -> new BrokerAddress("all", "cache"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("\"all\" is reserved");
        assertThat(new BrokerAddress("All", "cache").queue()).isEqualTo("ed.All.cache");
        assertThat(new BrokerAddress("web", "all").routingKey()).isEqualTo("web.all");
    }

    @ParameterizedTest
    @CsvSource({
        "db:store/SET, db.store",
        "*:store/SET, all.store",
        "store/SET, web.store",
        ".:store/SET, web.store",
        "?:store/SET, web.store",
    })
    void aMessageIsPublishedWithTheKeyOfItsDestination(String line, String key) throws MessageParseException {
        assertThat(WEB_CACHE.routingKeyOf(parse(line))).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"SET, none", "db:*/SET, \"*\"", "db:./SET, \".\"", "db:?/SET, \"?\""})
    void aMessageThatNamesNoServiceCannotBePublished(String line, String named) throws MessageParseException {
        Message message = parse(line);

        assertThatThrownBy(() -> WEB_CACHE.routingKeyOf(message))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("a message sent through the broker names its service (server:service/SET); this one names "
                        + named);
    }

    @Test
    void theSenderIsKnownOnlyWhenAMessageNamesAValidServerAndService() throws MessageParseException {
        assertThat(BrokerAddress.senderOf(parse("<web:cache SET"))).contains(WEB_CACHE);
        assertThat(BrokerAddress.senderOf(parse("SET"))).isEmpty();
        assertThat(BrokerAddress.senderOf(parse("<web: SET"))).isEmpty();
        assertThat(BrokerAddress.senderOf(parse("<:cache SET"))).isEmpty();
        assertThat(BrokerAddress.senderOf(parse("<all:cache SET"))).isEmpty();
        assertThat(BrokerAddress.senderOf(parse("<we-b:cache SET"))).isEmpty();
    }

    private static Message parse(String line) throws MessageParseException {
        return MessageCodec.standard().parse(line);
    }
}
