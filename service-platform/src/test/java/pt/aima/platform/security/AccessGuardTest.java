package pt.aima.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerMapping;
import pt.aima.kernel.envelope.Actor;
import pt.aima.platform.domain.CaseNotFound;
import pt.aima.platform.web.RequestActingContext;

class AccessGuardTest {

    static final UUID OWN_CASE = UUID.randomUUID();
    static final UUID OTHERS_CASE = UUID.randomUUID();
    static final UUID UNKNOWN_CASE = UUID.randomUUID();
    static final UUID CASE_OF_NOBODY_YET = UUID.randomUUID();

    /** Endpoints as the services declare them. */
    static class Endpoints {
        @AllowedRoles({Role.APPLICANT, Role.CASEWORKER})
        void upload() {}

        @AllowedRoles({Role.APPLICANT, Role.CASEWORKER, Role.OPERATIONS, Role.AUDITOR})
        void read() {}

        @AllowedRoles(Role.OPERATIONS)
        void operate() {}

        void undeclared() {}
    }

    private final AccessGuard guard = new AccessGuard(() -> caseId -> {
        if (caseId.equals(OWN_CASE)) {
            return Optional.of(new CaseOwners.Owner("applicant-1"));
        }
        if (caseId.equals(OTHERS_CASE)) {
            return Optional.of(new CaseOwners.Owner("applicant-2"));
        }
        if (caseId.equals(CASE_OF_NOBODY_YET)) {
            return Optional.of(new CaseOwners.Owner(null));
        }
        return Optional.empty();
    });

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void anApplicantWhoIsAlsoAnAuditorCannotUploadToAnotherApplicantsCase() {
        MockHttpServletRequest request = request(OTHERS_CASE, "applicant-1", "APPLICANT", "AUDITOR");

        assertThatThrownBy(() -> guard.preHandle(request, new MockHttpServletResponse(), handler("upload")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("own case");
        assertThat(request.getAttribute(AccessGuard.ACTING_ROLE)).isNull();
    }

    @Test
    void anApplicantWhoIsAlsoAnAuditorReadsAnotherApplicantsCaseAsAuditor() throws Exception {
        MockHttpServletRequest request = request(OTHERS_CASE, "applicant-1", "APPLICANT", "AUDITOR");

        assertThat(guard.preHandle(request, new MockHttpServletResponse(), handler("read")))
                .isTrue();

        assertThat(RequestActingContext.currentActor()).isEqualTo(new Actor("applicant-1", "AUDITOR"));
    }

    @Test
    void onTheirOwnCaseTheyActAsApplicantTheLeastPrivilegedRoleThatAllowsIt() throws Exception {
        MockHttpServletRequest upload = request(OWN_CASE, "applicant-1", "AUDITOR", "APPLICANT");
        guard.preHandle(upload, new MockHttpServletResponse(), handler("upload"));
        assertThat(RequestActingContext.currentActor()).isEqualTo(new Actor("applicant-1", "APPLICANT"));

        MockHttpServletRequest read = request(OWN_CASE, "applicant-1", "APPLICANT", "AUDITOR");
        guard.preHandle(read, new MockHttpServletResponse(), handler("read"));
        assertThat(RequestActingContext.currentActor()).isEqualTo(new Actor("applicant-1", "APPLICANT"));
    }

    @Test
    void aCaseworkerWhoIsAlsoAnApplicantActsAsCaseworkerOnOtherCases() throws Exception {
        MockHttpServletRequest request = request(OTHERS_CASE, "staff-1", "APPLICANT", "CASEWORKER");

        guard.preHandle(request, new MockHttpServletResponse(), handler("upload"));

        assertThat(RequestActingContext.currentActor()).isEqualTo(new Actor("staff-1", "CASEWORKER"));
    }

    @Test
    void rolesAreNeverCombinedOnEndpointsWithoutACase() throws Exception {
        assertThatThrownBy(() -> guard.preHandle(
                        request(null, "u", "APPLICANT", "AUDITOR", "CASEWORKER"),
                        new MockHttpServletResponse(),
                        handler("operate")))
                .isInstanceOf(AccessDeniedException.class);

        MockHttpServletRequest request = request(null, "ops-1", "AUDITOR", "OPERATIONS");
        guard.preHandle(request, new MockHttpServletResponse(), handler("operate"));
        assertThat(RequestActingContext.currentActor()).isEqualTo(new Actor("ops-1", "OPERATIONS"));
    }

    @Test
    void anEndpointWithoutAPolicyIsRefusedToEveryRole() {
        assertThatThrownBy(() -> guard.preHandle(
                        request(OWN_CASE, "u", "APPLICANT", "CASEWORKER", "OPERATIONS", "AUDITOR"),
                        new MockHttpServletResponse(),
                        handler("undeclared")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("no access policy");
    }

    @Test
    void aTokenWithOnlyAnUnknownRoleIsRefused() {
        assertThatThrownBy(() ->
                        guard.preHandle(request(null, "u", "ROOT"), new MockHttpServletResponse(), handler("read")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void anApplicantAskingForACaseTheServiceDoesNotKnowIsToldItIsNotFound() {
        assertThatThrownBy(() -> guard.preHandle(
                        request(UNKNOWN_CASE, "applicant-1", "APPLICANT"),
                        new MockHttpServletResponse(),
                        handler("read")))
                .isInstanceOf(CaseNotFound.class);
    }

    @Test
    void staffPassOnACaseTheServiceDoesNotKnowAndTheEndpointAnswers() throws Exception {
        MockHttpServletRequest request = request(UNKNOWN_CASE, "staff-1", "CASEWORKER");

        assertThat(guard.preHandle(request, new MockHttpServletResponse(), handler("read")))
                .isTrue();
        assertThat(request.getAttribute(AccessGuard.ACTING_ROLE)).isEqualTo(Role.CASEWORKER);
    }

    @Test
    void aCaseKnownButNotYetWhoseIsRefusedToEveryApplicant() {
        assertThatThrownBy(() -> guard.preHandle(
                        request(CASE_OF_NOBODY_YET, "applicant-1", "APPLICANT"),
                        new MockHttpServletResponse(),
                        handler("read")))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aCaseIdThatIsNoCaseIdIsABadRequestForEveryone() {
        MockHttpServletRequest request = request(null, "staff-1", "CASEWORKER");
        request.setAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of(AccessGuard.CASE_ID_VARIABLE, "not-a-case"));

        assertThatThrownBy(() -> guard.preHandle(request, new MockHttpServletResponse(), handler("read")))
                .isInstanceOfSatisfying(
                        ResponseStatusException.class,
                        e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
    }

    @Test
    void withoutTheGuardsDecisionThereIsNoActor() {
        request(OWN_CASE, "applicant-1", "APPLICANT");

        assertThatThrownBy(RequestActingContext::currentActor).isInstanceOf(AccessDeniedException.class);
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        Method method = Endpoints.class.getDeclaredMethod(name);
        return new HandlerMethod(new Endpoints(), method);
    }

    private static MockHttpServletRequest request(UUID caseId, String subject, String... roles) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
                caseId == null ? Map.of() : Map.of(AccessGuard.CASE_ID_VARIABLE, caseId.toString()));
        Jwt jwt = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject(subject)
                .claim(PlatformSecurity.ROLES_CLAIM, List.of(roles))
                .build();
        SecurityContextHolder.getContext().setAuthentication(PlatformSecurity.authenticate(jwt));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        return request;
    }
}
