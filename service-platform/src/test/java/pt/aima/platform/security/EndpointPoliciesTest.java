package pt.aima.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The access guard refuses an endpoint without a declared policy; none may be left without one. */
class EndpointPoliciesTest {

    @Test
    void everyEndpointDeclaresTheRolesThatMayCallIt() {
        assertThat(EndpointPolicies.endpoints("pt.aima.platform")).isPositive();
        assertThat(EndpointPolicies.withoutPolicy("pt.aima.platform")).isEmpty();
    }
}
