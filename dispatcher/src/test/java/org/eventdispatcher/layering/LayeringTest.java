package org.eventdispatcher.layering;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.eventdispatcher.broker.layering.TransportThatKnowsAnother;
import org.eventdispatcher.dispatch.layering.DispatchThatKnowsATransport;
import org.eventdispatcher.protocol.layering.ProtocolThatKnowsSpring;
import org.junit.jupiter.api.Test;

/**
 * The layering of the library (DESIGN.md): the protocol knows no framework; the transports (TCP,
 * the broker, UDP) stand side by side on what they share ({@code connection}, {@code link}) and on
 * the dispatcher's API ({@code dispatch}), and none of them, nor what is beneath them, imports
 * another. Checked on the main classes of protocol and dispatcher; each rule is shown to catch a
 * deliberate violation of the test's own fixture.
 */
class LayeringTest {

    private static final String[] TRANSPORTS = {
        "org.eventdispatcher.tcp..", "org.eventdispatcher.broker..", "org.eventdispatcher.udp.."};

    static final ArchRule PROTOCOL_KNOWS_NO_FRAMEWORK = noClasses()
            .that().resideInAPackage("org.eventdispatcher.protocol..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.netty..", "org.slf4j..",
                    "ch.qos.logback..", "com.rabbitmq..", "io.micrometer..")
            .orShould().dependOnClassesThat(resideInAPackage("org.eventdispatcher..")
                    .and(resideOutsideOfPackage("org.eventdispatcher.protocol..")))
            .because("protocol is plain Java: the codec and the wire's rules, for the daemons and signal-cli alike");

    static final ArchRule DISPATCH_KNOWS_NO_TRANSPORT = noClasses()
            .that().resideInAPackage("org.eventdispatcher.dispatch..")
            .should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
            .because("handlers and the dispatcher see a Peer, whatever carried the line");

    static final ArchRule SHARED_LAYERS_KNOW_NO_TRANSPORT = noClasses()
            .that().resideInAnyPackage("org.eventdispatcher.connection..", "org.eventdispatcher.link..")
            .should().dependOnClassesThat().resideInAnyPackage(TRANSPORTS)
            .because("what the transports share stands beneath them");

    static final ArchRule TCP_KNOWS_NO_OTHER_TRANSPORT = noClasses()
            .that().resideInAPackage("org.eventdispatcher.tcp..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eventdispatcher.broker..", "org.eventdispatcher.udp..");

    static final ArchRule BROKER_KNOWS_NO_OTHER_TRANSPORT = noClasses()
            .that().resideInAPackage("org.eventdispatcher.broker..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eventdispatcher.tcp..", "org.eventdispatcher.udp..");

    static final ArchRule UDP_KNOWS_NO_OTHER_TRANSPORT = noClasses()
            .that().resideInAPackage("org.eventdispatcher.udp..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eventdispatcher.tcp..", "org.eventdispatcher.broker..");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.eventdispatcher");

    @Test
    void theProtocolKnowsNoFrameworkAndNothingOfTheDispatcher() {
        PROTOCOL_KNOWS_NO_FRAMEWORK.check(MAIN);
    }

    @Test
    void theDispatcherKnowsNoTransport() {
        DISPATCH_KNOWS_NO_TRANSPORT.check(MAIN);
    }

    @Test
    void whatTheTransportsShareKnowsNoTransport() {
        SHARED_LAYERS_KNOW_NO_TRANSPORT.check(MAIN);
    }

    @Test
    void noTransportImportsAnother() {
        TCP_KNOWS_NO_OTHER_TRANSPORT.check(MAIN);
        BROKER_KNOWS_NO_OTHER_TRANSPORT.check(MAIN);
        UDP_KNOWS_NO_OTHER_TRANSPORT.check(MAIN);
    }

    /** Each rule against a class of the fixture that breaks it: a rule that cannot fail guards nothing. */
    @Test
    void eachRuleCatchesADeliberateViolation() {
        assertThatThrownBy(() -> PROTOCOL_KNOWS_NO_FRAMEWORK.check(fixture(ProtocolThatKnowsSpring.class)))
                .hasMessageContaining("org.springframework");
        assertThatThrownBy(() -> DISPATCH_KNOWS_NO_TRANSPORT.check(fixture(DispatchThatKnowsATransport.class)))
                .hasMessageContaining("org.eventdispatcher.tcp");
        assertThatThrownBy(() -> BROKER_KNOWS_NO_OTHER_TRANSPORT.check(fixture(TransportThatKnowsAnother.class)))
                .hasMessageContaining("org.eventdispatcher.tcp");
    }

    private static JavaClasses fixture(Class<?> violation) {
        return new ClassFileImporter().importClasses(violation);
    }
}
