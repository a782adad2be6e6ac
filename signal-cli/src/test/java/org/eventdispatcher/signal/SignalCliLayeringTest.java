package org.eventdispatcher.signal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.eventdispatcher.signal.layering.SignalThatKnowsMore;
import org.junit.jupiter.api.Test;

/**
 * The modules' layering seen from signal-cli: daemons → dispatcher → protocol, and signal-cli →
 * protocol alone. Its pom already says so (no dispatcher, no Spring on its classpath); this rule keeps
 * the code saying so too should the pom ever bring more, and names what the command may use.
 */
class SignalCliLayeringTest {

    static final ArchRule SIGNAL_CLI_STANDS_ON_THE_PROTOCOL_ALONE = classes()
            .that()
            .resideInAPackage("org.eventdispatcher.signal..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "org.eventdispatcher.signal..",
                    "org.eventdispatcher.protocol..",
                    "java..",
                    "javax..",
                    "com.rabbitmq.client..",
                    "picocli..")
            .because("signal-cli is a small command that speaks the protocol: no daemon's code (dispatch, tcp,"
                    + " broker), no Spring, no Netty of its own");

    @Test
    void signalCliKnowsTheProtocolAndNoOtherModule() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.eventdispatcher.signal");

        SIGNAL_CLI_STANDS_ON_THE_PROTOCOL_ALONE.check(main);
    }

    /** A rule that cannot fail guards nothing: the fixture breaks it both ways. */
    @Test
    void theRuleCatchesADeliberateViolation() {
        assertThatThrownBy(() -> SIGNAL_CLI_STANDS_ON_THE_PROTOCOL_ALONE.check(
                        new ClassFileImporter().importClasses(SignalThatKnowsMore.class)))
                .hasMessageContaining("org.eventdispatcher.testing.ports.FreePorts")
                .hasMessageContaining("io.netty.util.NetUtil");
    }
}
