package pt.aima.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    private static final ServiceSpec APPLICATION = ServiceSpec.ALL.get(0);
    private static final ServiceSpec DOCUMENT = ServiceSpec.ALL.get(1);
    private static final ServiceSpec SCHEDULING = ServiceSpec.ALL.get(2);
    private static final ServiceSpec NOTIFICATION = ServiceSpec.ALL.get(3);
    private static final ServiceSpec OPERATIONS = ServiceSpec.ALL.get(4);

    @Test
    void withoutArgumentsEverythingStartsFromTheCurrentDirectoryWithTheIssuerOn8090() {
        StackOptions defaults = StackOptions.parse();

        assertThat(defaults.repo()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(defaults.issuerPort()).isEqualTo(8090);
        assertThat(defaults.issuerOnly()).isFalse();
        assertThat(defaults.reset()).isFalse();
        assertThat(defaults.without()).isEmpty();
        assertThat(defaults.started()).containsExactlyElementsOf(ServiceSpec.ALL);
    }

    @Test
    void issuerOnlyTakesItsPortAndTheRepository() {
        StackOptions issuerOnly = StackOptions.parse("--issuer-only", "--issuer-port=9999", "--repo=/x/y");

        assertThat(issuerOnly.issuerOnly()).isTrue();
        assertThat(issuerOnly.issuerPort()).isEqualTo(9999);
        assertThat(issuerOnly.repo()).isEqualTo(Path.of("/x/y"));
    }

    @Test
    void withoutLeavesOneServiceOut() {
        StackOptions options = StackOptions.parse("--without=notification-service");

        assertThat(options.without()).containsExactly(NOTIFICATION);
        assertThat(options.started()).containsExactly(APPLICATION, DOCUMENT, SCHEDULING, OPERATIONS);
    }

    @Test
    void withoutTakesACommaSeparatedListOrRepeatsInAnyOrder() {
        assertThat(StackOptions.parse("--without=scheduling-service, application-service")
                        .without())
                .containsExactly(APPLICATION, SCHEDULING);
        assertThat(StackOptions.parse("--without=document-service", "--without=application-service,document-service")
                        .started())
                .containsExactly(SCHEDULING, NOTIFICATION, OPERATIONS);
    }

    @Test
    void withoutEveryServiceStartsOnlyTheInfrastructure() {
        StackOptions options = StackOptions.parse(
                "--without=application-service,document-service,scheduling-service,notification-service,"
                        + "operations-service");

        assertThat(options.started()).isEmpty();
    }

    @Test
    void withoutRefusesAnUnknownServiceNamingTheKnownOnes() {
        assertThatThrownBy(() -> StackOptions.parse("--without=notifications"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no service 'notifications'")
                .hasMessageContaining(
                        "application-service, document-service, scheduling-service, notification-service, "
                                + "operations-service");
        assertThatThrownBy(() -> StackOptions.parse("--without="))
                .hasMessageContaining("--without needs service names");
        assertThatThrownBy(() -> StackOptions.parse("--without=document-service,"))
                .hasMessageContaining("--without needs service names");
    }

    @Test
    void resetIsAFlag() {
        assertThat(StackOptions.parse("--reset").reset()).isTrue();
        assertThatThrownBy(() -> StackOptions.parse("--reset=yes")).hasMessageContaining("Unknown argument");
    }

    @Test
    void issuerOnlyTakesNeitherWithoutNorReset() {
        assertThatThrownBy(() -> StackOptions.parse("--issuer-only", "--reset")).hasMessageContaining("--issuer-only");
        assertThatThrownBy(() -> StackOptions.parse("--issuer-only", "--without=document-service"))
                .hasMessageContaining("--issuer-only");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> StackOptions.parse("--issuer-port=abc")).hasMessageContaining("number");
        assertThatThrownBy(() -> StackOptions.parse("--issuer-port=70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> StackOptions.parse("--repo=")).hasMessageContaining("--repo needs a directory");
        assertThatThrownBy(() -> StackOptions.parse("--verbose")).hasMessageContaining("Unknown argument");
    }

    @Test
    void oneInstanceOfEachServiceUnlessToldOtherwise() {
        assertThat(StackOptions.parse().instances()).isEqualTo(1);
        assertThat(StackOptions.parse("--instances=2").instances()).isEqualTo(2);
    }

    @Test
    void instancesMustBeANumberFromOneToThree() {
        assertThatThrownBy(() -> StackOptions.parse("--instances=two")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> StackOptions.parse("--instances=0")).hasMessageContaining("between 1 and 3");
        assertThatThrownBy(() -> StackOptions.parse("--instances=4")).hasMessageContaining("between 1 and 3");
        assertThatThrownBy(() -> StackOptions.parse("--issuer-only", "--instances=2"))
                .hasMessageContaining("--issuer-only");
    }

    @Test
    void aSecondInstanceSharesTheNameJarAndDatabaseOnAPortAHundredHigher() {
        ServiceSpec second = APPLICATION.instance(2);

        assertThat(second.port()).isEqualTo(8181);
        assertThat(second.healthUrl()).isEqualTo("http://127.0.0.1:8181/actuator/health");
        assertThat(second.databaseName()).isEqualTo(APPLICATION.databaseName());
        assertThat(second.jar(Path.of("/repo"))).isEqualTo(APPLICATION.jar(Path.of("/repo")));
        assertThat(APPLICATION.instance(1)).isEqualTo(APPLICATION);
        assertThat(OPERATIONS.instance(3).port()).isEqualTo(8285);
        assertThat(APPLICATION.label(1)).isEqualTo("application-service");
        assertThat(APPLICATION.label(2)).isEqualTo("application-service#2");
        assertThat(APPLICATION.logFile(Path.of("/repo"), 2).getFileName()).hasToString("application-service-2.log");
        assertThatThrownBy(() -> APPLICATION.instance(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usageNamesEveryOption() {
        assertThat(StackOptions.USAGE)
                .contains(
                        "--repo=",
                        "--issuer-port=",
                        "--without=",
                        "--instances=",
                        "--reset",
                        "--issuer-only",
                        "--help");
    }
}
