package org.eventdispatcher.layering;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ClassesTransformer;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.eventdispatcher.autoconfigure.layering.ConfigurationWithADataPath;
import org.eventdispatcher.broker.layering.TransportThatKnowsAnother;
import org.eventdispatcher.dispatch.MessageDispatcher;
import org.eventdispatcher.dispatch.layering.DispatchThatKnowsATransport;
import org.eventdispatcher.protocol.layering.ProtocolThatKnowsSpring;
import org.eventdispatcher.tcp.layering.TransportThatKnowsItsWiring;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.MessageHeaders;

/**
 * The layering of the library (DESIGN.md): the protocol knows no framework; the transports (TCP,
 * the broker, UDP) stand side by side on what they share ({@code connection}, {@code link}) and on
 * the dispatcher's API ({@code dispatch}), and none of them, nor what is beneath them, imports
 * another; {@code autoconfigure} is the wiring on top of them all, and holds no code of the data
 * path; no package holds so many classes that its name no longer says what they are. Checked on the
 * main classes of protocol and dispatcher; each rule is shown to catch a deliberate violation of the
 * test's own fixture.
 */
class LayeringTest {

    private static final String[] TRANSPORTS = {
        "org.eventdispatcher.tcp..", "org.eventdispatcher.broker..", "org.eventdispatcher.udp.."
    };

    static final ArchRule PROTOCOL_KNOWS_NO_FRAMEWORK = noClasses()
            .that()
            .resideInAPackage("org.eventdispatcher.protocol..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "io.netty..",
                    "org.slf4j..",
                    "ch.qos.logback..",
                    "com.rabbitmq..",
                    "io.micrometer..")
            .orShould()
            .dependOnClassesThat(resideInAPackage("org.eventdispatcher..")
                    .and(resideOutsideOfPackage("org.eventdispatcher.protocol..")))
            .because("protocol is plain Java: the codec and the wire's rules, for the daemons and signal-cli alike");

    static final ArchRule DISPATCH_KNOWS_NO_TRANSPORT = noClasses()
            .that()
            .resideInAPackage("org.eventdispatcher.dispatch..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TRANSPORTS)
            .because("handlers and the dispatcher see a Peer, whatever carried the line");

    static final ArchRule SHARED_LAYERS_KNOW_NO_TRANSPORT = noClasses()
            .that()
            .resideInAnyPackage("org.eventdispatcher.connection..", "org.eventdispatcher.link..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TRANSPORTS)
            .because("what the transports share stands beneath them");

    static final ArchRule TCP_KNOWS_NO_OTHER_TRANSPORT = noClasses()
            .that()
            .resideInAPackage("org.eventdispatcher.tcp..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.eventdispatcher.broker..", "org.eventdispatcher.udp..");

    static final ArchRule BROKER_KNOWS_NO_OTHER_TRANSPORT = noClasses()
            .that()
            .resideInAPackage("org.eventdispatcher.broker..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.eventdispatcher.tcp..", "org.eventdispatcher.udp..");

    static final ArchRule UDP_KNOWS_NO_OTHER_TRANSPORT = noClasses()
            .that()
            .resideInAPackage("org.eventdispatcher.udp..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.eventdispatcher.tcp..", "org.eventdispatcher.broker..");

    private static final String WIRING = "org.eventdispatcher.autoconfigure..";

    static final ArchRule NOTHING_DEPENDS_ON_THE_WIRING = noClasses()
            .that()
            .resideOutsideOfPackage(WIRING)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(WIRING)
            .because(
                    "autoconfigure is the wiring on top: Spring Boot finds it, no transport nor layer beneath needs it");

    /**
     * Handlers written in the wiring: an inner class that is one, or a lambda that takes a message on
     * its way. ArchUnit does not import the methods that lambdas compile to, so those are read by
     * reflection; a method reference to the transport's own method ({@code receiver::receive})
     * compiles to none, and passes.
     */
    static final ArchRule THE_WIRING_HANDLES_NO_LINE = noClasses()
            .that()
            .resideInAPackage(WIRING)
            .should()
            .beAssignableTo(MessageHandler.class)
            .orShould()
            .beAssignableTo(ChannelInboundHandler.class)
            .orShould(declareALambdaTakingAMessageOnItsWay())
            .because("the data path lives in the transport's package, where a reader of the transport finds it");

    /** The limit of {@link #noPackageHoldsMoreThan}: past it, a package has parts that want names of their own. */
    static final int CLASSES_PER_PACKAGE = 15;

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.eventdispatcher");

    /** The main classes of this module alone: the protocol's packages are another module's to count. */
    private static final JavaClasses DISPATCHER_MODULE = new ClassFileImporter()
            .importUrl(MessageDispatcher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation());

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

    @Test
    void nothingDependsOnTheWiring() {
        NOTHING_DEPENDS_ON_THE_WIRING.check(MAIN);
    }

    @Test
    void theWiringHandlesNoLine() {
        THE_WIRING_HANDLES_NO_LINE.check(MAIN);
    }

    @Test
    void noPackageOfTheDispatcherHoldsMoreThanFifteenClasses() {
        noPackageHoldsMoreThan(CLASSES_PER_PACKAGE).check(DISPATCHER_MODULE);
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
        assertThatThrownBy(() -> NOTHING_DEPENDS_ON_THE_WIRING.check(fixture(TransportThatKnowsItsWiring.class)))
                .hasMessageContaining("DispatcherAutoConfiguration");
        assertThatThrownBy(() -> THE_WIRING_HANDLES_NO_LINE.check(
                        new ClassFileImporter().importPackagesOf(ConfigurationWithADataPath.class)))
                .hasMessageContaining("lambda$lineHandler$")
                .hasMessageContaining("lambda$messageHandler$")
                .hasMessageContaining(
                        "ConfigurationWithADataPath$1> is assignable to io.netty.channel.ChannelInboundHandler");
    }

    /** The limit is the rule's parameter: below the count of a package of today's code, it must fail. */
    @Test
    void thePackageLimitCatchesAPackageOverIt() {
        JavaClasses connection = DISPATCHER_MODULE.that(resideInAPackage("org.eventdispatcher.connection"));
        int count = topLevelClasses(DISPATCHER_MODULE.getPackage("org.eventdispatcher.connection"))
                .size();

        noPackageHoldsMoreThan(count).check(connection);
        assertThatThrownBy(() -> noPackageHoldsMoreThan(count - 1).check(connection))
                .hasMessageContaining("org.eventdispatcher.connection holds " + count + " classes");
    }

    /** Counted per package, not its subpackages, and top-level classes only: a nested class is its owner's. */
    static ArchRule noPackageHoldsMoreThan(int limit) {
        return all(PACKAGES).should(holdAtMost(limit));
    }

    private static final ClassesTransformer<JavaPackage> PACKAGES = new AbstractClassesTransformer<>("packages") {
        @Override
        public Iterable<JavaPackage> doTransform(JavaClasses classes) {
            return classes.stream().map(JavaClass::getPackage).collect(Collectors.toCollection(LinkedHashSet::new));
        }
    };

    private static ArchCondition<JavaPackage> holdAtMost(int limit) {
        return new ArchCondition<>("hold at most " + limit + " classes") {
            @Override
            public void check(JavaPackage javaPackage, ConditionEvents events) {
                List<String> classes = topLevelClasses(javaPackage);
                if (classes.size() > limit) {
                    events.add(SimpleConditionEvent.violated(
                            javaPackage,
                            javaPackage.getName() + " holds " + classes.size() + " classes: "
                                    + String.join(", ", classes)));
                }
            }
        };
    }

    private static List<String> topLevelClasses(JavaPackage javaPackage) {
        return javaPackage.getClasses().stream()
                .filter(javaClass -> javaClass.isTopLevelClass() && !javaClass.isArray())
                .map(JavaClass::getSimpleName)
                .filter(name -> !name.equals("package-info"))
                .sorted()
                .toList();
    }

    private static boolean isOnItsWay(Class<?> type) {
        return Message.class.isAssignableFrom(type)
                || MessageHeaders.class.isAssignableFrom(type)
                || ChannelHandlerContext.class.isAssignableFrom(type)
                || ByteBuf.class.isAssignableFrom(type);
    }

    private static ArchCondition<JavaClass> declareALambdaTakingAMessageOnItsWay() {
        return new ArchCondition<>("declare a lambda that takes a message on its way (Spring's Message or"
                + " MessageHeaders, Netty's ChannelHandlerContext or ByteBuf)") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                List<Method> lambdas = Arrays.stream(javaClass.reflect().getDeclaredMethods())
                        .filter(method ->
                                method.isSynthetic() && method.getName().startsWith("lambda$"))
                        .filter(method ->
                                Arrays.stream(method.getParameterTypes()).anyMatch(LayeringTest::isOnItsWay))
                        .toList();
                if (lambdas.isEmpty()) {
                    events.add(
                            SimpleConditionEvent.violated(javaClass, javaClass.getName() + " declares no such lambda"));
                }
                for (Method lambda : lambdas) {
                    events.add(SimpleConditionEvent.satisfied(
                            javaClass,
                            javaClass.getName() + " declares "
                                    + lambda.getName()
                                    + Arrays.stream(lambda.getParameterTypes())
                                            .map(Class::getSimpleName)
                                            .collect(Collectors.joining(", ", "(", ")"))));
                }
            }
        };
    }

    private static JavaClasses fixture(Class<?> violation) {
        return new ClassFileImporter().importClasses(violation);
    }
}
