package pt.aima.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CaseAccessTest {

    @Test
    void everyCombinationOfRolesCanDoExactlyWhatOneOfItsRolesCanDoAlone() {
        List<Role> all = List.of(Role.values());
        for (int mask = 1; mask < 1 << all.size(); mask++) {
            EnumSet<Role> held = EnumSet.noneOf(Role.class);
            for (int i = 0; i < all.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    held.add(all.get(i));
                }
            }
            for (int policy = 1; policy < 1 << all.size(); policy++) {
                EnumSet<Role> allowed = EnumSet.noneOf(Role.class);
                for (int i = 0; i < all.size(); i++) {
                    if ((policy & 1 << i) != 0) {
                        allowed.add(all.get(i));
                    }
                }
                for (boolean own : List.of(true, false)) {
                    CaseAccess.Decision decision = CaseAccess.decide(
                            allowed,
                            held,
                            "applicant-1",
                            () -> Optional.of(new CaseOwners.Owner(own ? "applicant-1" : "applicant-2")));
                    boolean aloneAllows =
                            held.stream().anyMatch(role -> allowed.contains(role) && (role != Role.APPLICANT || own));
                    assertThat(decision instanceof CaseAccess.Decision.Allowed)
                            .as("%s on %s, own case %s", held, allowed, own)
                            .isEqualTo(aloneAllows);
                    if (decision instanceof CaseAccess.Decision.Allowed(Role role)) {
                        assertThat(held).contains(role);
                        assertThat(allowed).contains(role);
                    }
                }
            }
        }
    }
}
