package pt.aima.platform.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import pt.aima.platform.acting.ActingCommandGateway;
import pt.aima.platform.eventstore.StoredAs;
import pt.aima.platform.privacy.DataSubject;
import pt.aima.platform.privacy.Personal;

/**
 * The floor plan of every service as ArchUnit rules, by package pattern: a package a service adds later is covered
 * without editing a rule. Relative to the service's base package {@code B}:
 *
 * <ul>
 *   <li>rooms: {@code B.web..}, {@code B.inbound..}, {@code B.publishing..}, {@code B.projection..}, {@code
 *       B.process..}, {@code B.config..};
 *   <li>the root {@code B} itself holds the {@code *Application} class only;
 *   <li>every other package under {@code B} is a domain package (an aggregate, or pure domain code).
 * </ul>
 *
 * <p>Use {@link FloorPlanTest} (one JUnit test per rule) or {@code FloorPlanRules.of("pt.aima.scheduling").check()}.
 */
public final class FloorPlanRules {

    public static final String WEB = "web";
    public static final String INBOUND = "inbound";
    public static final String PUBLISHING = "publishing";
    public static final String PROJECTION = "projection";
    public static final String PROCESS = "process";
    public static final String CONFIG = "config";
    public static final List<String> ROOMS = List.of(WEB, INBOUND, PUBLISHING, PROJECTION, PROCESS, CONFIG);

    /** The only code outside the service that it may use: the published language and its runtime. */
    public static final List<String> SHARED_MODULES = List.of("pt.aima.kernel", "pt.aima.platform");

    private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    /** A rule with a name that says what it guards, for test reports. */
    public record FloorPlanRule(String name, ArchRule rule) {

        public EvaluationResult evaluate(JavaClasses classes) {
            return rule.evaluate(classes);
        }

        public void check(JavaClasses classes) {
            rule.check(classes);
        }
    }

    private final String base;
    private final List<String> alsoShared;

    private FloorPlanRules(String base, List<String> alsoShared) {
        if (base == null || !PACKAGE.matcher(base).matches()) {
            throw new IllegalArgumentException("not a base package: " + base);
        }
        for (String shared : alsoShared) {
            if (shared == null || !PACKAGE.matcher(shared).matches()) {
                throw new IllegalArgumentException("not a package: " + shared);
            }
        }
        this.base = base;
        this.alsoShared = List.copyOf(alsoShared);
    }

    /** The rules for the service whose code lives under {@code basePackage}, e.g. {@code pt.aima.scheduling}. */
    public static FloorPlanRules of(String basePackage) {
        return new FloorPlanRules(basePackage, List.of());
    }

    /**
     * The same rules for a service that also uses a published format besides the shared modules (e.g. application-service
     * reads the legacy SEF file whose columns {@code pt.aima.backlog.format} defines for the generator and the importer
     * alike). Name the format's package only, never another service's.
     */
    public FloorPlanRules alsoSharing(String... packages) {
        List<String> shared = new ArrayList<>(alsoShared);
        shared.addAll(List.of(packages));
        return new FloorPlanRules(base, shared);
    }

    public String basePackage() {
        return base;
    }

    /** The service's main classes (no test classes), as a service's architecture test checks them. */
    public JavaClasses importMainClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
    }

    /** Checks every rule against the service's main classes; the failure lists every broken rule. */
    public void check() {
        check(importMainClasses());
    }

    /** Checks every rule against {@code classes}; the failure lists every broken rule. */
    public void check(JavaClasses classes) {
        List<String> failures = new ArrayList<>();
        for (FloorPlanRule rule : rules()) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(rule.name() + ": " + result.getFailureReport());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }

    /** The rule called {@code name} (one of {@link #rules()}). */
    public FloorPlanRule rule(String name) {
        return rules().stream()
                .filter(rule -> rule.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no floor-plan rule " + name));
    }

    public List<FloorPlanRule> rules() {
        return List.of(
                new FloorPlanRule("domainIsFreeOfSpring", domainIsFreeOfSpring()),
                new FloorPlanRule("domainDoesNotKnowTheRooms", domainDoesNotKnowTheRooms()),
                new FloorPlanRule(
                        "domainUsesOnlyTheDomainPartOfThePlatform", domainUsesOnlyTheDomainPartOfThePlatform()),
                new FloorPlanRule("nothingDependsOnWeb", nothingDependsOn(WEB)),
                new FloorPlanRule("nothingButConfigDependsOnInbound", nothingButConfigDependsOn(INBOUND)),
                new FloorPlanRule("nothingButConfigDependsOnPublishing", nothingButConfigDependsOn(PUBLISHING)),
                new FloorPlanRule("readModelsAndPublishingSendNoCommands", readModelsAndPublishingSendNoCommands()),
                new FloorPlanRule("readModelsDoNotUseProcesses", readModelsDoNotUseProcesses()),
                new FloorPlanRule("usesNoOtherServicesCode", usesNoOtherServicesCode()),
                new FloorPlanRule("theRootHoldsOnlyTheApplication", theRootHoldsOnlyTheApplication()));
    }

    /** Aggregates and pure domain code speak the domain only (Axon's annotations, @Aggregate included, are fine). */
    public ArchRule domainIsFreeOfSpring() {
        return noClasses()
                .that(domain())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework..")
                .because("domain packages are pure domain code (FLOORPLAN.md)")
                .allowEmptyShould(true);
    }

    public ArchRule domainDoesNotKnowTheRooms() {
        return noClasses()
                .that(domain())
                .should()
                .dependOnClassesThat(anyRoom())
                .because("web, inbound, publishing, read models, processes and wiring use the domain, not the reverse")
                .allowEmptyShould(true);
    }

    /**
     * The platform's typed refusals ({@code pt.aima.platform.domain}) are domain vocabulary, and so is the
     * {@link StoredAs} name an event or a snapshotted aggregate is stored under (an annotation, like Axon's
     * {@code @Revision}), and the {@link Personal} and {@link DataSubject} marks saying which of an event's fields are
     * whose personal data (encrypted in the store, erased with the subject's key); the rest is machinery.
     */
    public ArchRule domainUsesOnlyTheDomainPartOfThePlatform() {
        return noClasses()
                .that(domain())
                .should()
                .dependOnClassesThat(inPackageTree("pt.aima.platform")
                        .and(not(inPackageTree("pt.aima.platform.domain")))
                        .and(not(JavaClass.Predicates.equivalentTo(StoredAs.class)))
                        .and(not(JavaClass.Predicates.equivalentTo(Personal.class)))
                        .and(not(JavaClass.Predicates.equivalentTo(DataSubject.class))))
                .because("acting, inbox, relay, security and web of the platform are machinery, not domain")
                .allowEmptyShould(true);
    }

    public ArchRule nothingDependsOn(String room) {
        return noClasses()
                .that(inService().and(not(inRoom(room))))
                .should()
                .dependOnClassesThat(inRoom(room))
                .because(room + " is an entry point: nothing in the service calls it")
                .allowEmptyShould(true);
    }

    public ArchRule nothingButConfigDependsOn(String room) {
        return noClasses()
                .that(inService().and(not(inRoom(room))).and(not(inRoom(CONFIG))))
                .should()
                .dependOnClassesThat(inRoom(room))
                .because(room + " is an entry point: only the wiring in config may name it")
                .allowEmptyShould(true);
    }

    /** Read models are rebuilt from events at any time: replaying them must not act again. */
    public ArchRule readModelsAndPublishingSendNoCommands() {
        return noClasses()
                .that(inRoom(PROJECTION).or(inRoom(PUBLISHING)))
                .should()
                .dependOnClassesThat(inPackageTree("org.axonframework.commandhandling")
                        .or(JavaClass.Predicates.belongToAnyOf(ActingCommandGateway.class)))
                .because("a replay of a read model or of the relay must not send commands")
                .allowEmptyShould(true);
    }

    public ArchRule readModelsDoNotUseProcesses() {
        return noClasses()
                .that(inRoom(PROJECTION))
                .should()
                .dependOnClassesThat(inRoom(PROCESS))
                .because("processes may read read models; read models are written from events only")
                .allowEmptyShould(true);
    }

    /** Another service's code is never used; shared-kernel (and the platform it runs on) is the only shared code. */
    public ArchRule usesNoOtherServicesCode() {
        DescribedPredicate<JavaClass> shared = inService();
        for (String module : SHARED_MODULES) {
            shared = shared.or(inPackageTree(module));
        }
        for (String format : alsoShared) {
            shared = shared.or(inPackageTree(format));
        }
        return noClasses()
                .that(inService())
                .should()
                .dependOnClassesThat(inPackageTree("pt.aima").and(not(shared)))
                .because("services share only the published language in shared-kernel")
                .allowEmptyShould(true);
    }

    public ArchRule theRootHoldsOnlyTheApplication() {
        return classes()
                .that(inRoot())
                .and()
                .areTopLevelClasses()
                .and()
                .doNotHaveSimpleName("package-info")
                .should()
                .haveSimpleNameEndingWith("Application")
                .because("the root package holds the *ServiceApplication class; wiring belongs in config")
                .allowEmptyShould(true);
    }

    /** Classes of the service: its base package and everything below it. */
    public DescribedPredicate<JavaClass> inService() {
        return inPackageTree(base);
    }

    public DescribedPredicate<JavaClass> inRoot() {
        return DescribedPredicate.describe(
                "are in the root package " + base,
                javaClass -> javaClass.getPackageName().equals(base));
    }

    public DescribedPredicate<JavaClass> inRoom(String room) {
        return inPackageTree(base + "." + room);
    }

    public DescribedPredicate<JavaClass> anyRoom() {
        DescribedPredicate<JavaClass> any = inRoom(ROOMS.getFirst());
        for (String room : ROOMS.subList(1, ROOMS.size())) {
            any = any.or(inRoom(room));
        }
        return any.as("are in a room of " + base + " " + ROOMS);
    }

    /** Every package under the base that is no room: the aggregates and pure domain code. */
    public DescribedPredicate<JavaClass> domain() {
        DescribedPredicate<JavaClass> rooms = anyRoom();
        return DescribedPredicate.describe(
                "are in a domain package of " + base + " (not the root, not " + ROOMS + ")",
                javaClass -> javaClass.getPackageName().startsWith(base + ".") && !rooms.test(javaClass));
    }

    private static DescribedPredicate<JavaClass> inPackageTree(String packageName) {
        Objects.requireNonNull(packageName);
        return DescribedPredicate.describe("are in " + packageName + "..", javaClass -> {
            String name = javaClass.getPackageName();
            return name.equals(packageName) || name.startsWith(packageName + ".");
        });
    }

    private static DescribedPredicate<JavaClass> not(DescribedPredicate<JavaClass> predicate) {
        return DescribedPredicate.not(predicate);
    }
}
