package pt.aima.backlog.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LegacyColumnTest {

    @Test
    void theHeadersAreTheOnesDocumentedInTheLegacyCaseFormat() {
        // docs/legacy-case-format.md: files already prepared by partners carry the first line; changing it refuses
        // them all
        assertThat(LegacyColumn.HEADER_BEFORE_STAY)
                .isEqualTo("legacy_number,submitted_on,sponsor_name,sponsor_permit,partner_type,partner_name,"
                        + "desk_region,applicant_id,email,language,member_name,relationship,date_of_birth,"
                        + "nationality,present_in_portugal,present_since");
        assertThat(LegacyColumn.HEADER).isEqualTo(LegacyColumn.HEADER_BEFORE_STAY + ",stay_ends_on");
    }

    @Test
    void theCaseColumnsAreTheFirstTenFromLegacyNumberToLanguage() {
        assertThat(LegacyColumn.CASE_COLUMNS).hasSize(10).startsWith(LegacyColumn.LEGACY_NUMBER);
        assertThat(LegacyColumn.CASE_COLUMNS.getLast()).isEqualTo(LegacyColumn.LANGUAGE);
    }
}
