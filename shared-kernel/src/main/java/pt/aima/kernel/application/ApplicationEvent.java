package pt.aima.kernel.application;

import pt.aima.kernel.envelope.IntegrationEvent;

/** What application-service publishes on {@link pt.aima.kernel.Topics#APPLICATION_EVENTS}. */
public sealed interface ApplicationEvent extends IntegrationEvent
        permits ApplicationRegistered,
                ApplicationRegisteredV2,
                DecisionIssued,
                DecisionDeadlineExtended,
                MemberStayUpdated,
                ApplicantDataErased {}
