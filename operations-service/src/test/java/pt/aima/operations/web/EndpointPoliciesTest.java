package pt.aima.operations.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pt.aima.platform.security.EndpointPolicies;

/** The access guard refuses an endpoint without a declared policy; none may be left without one. */
class EndpointPoliciesTest {

    @Test
    void everyEndpointDeclaresTheRolesThatMayCallIt() {
        assertThat(EndpointPolicies.endpoints("pt.aima.operations")).isPositive();
        assertThat(EndpointPolicies.withoutPolicy("pt.aima.operations")).isEmpty();
    }
}
