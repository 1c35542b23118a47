package pt.aima.scheduling.appointment;

/**
 * The scheduling rules that are policy, not code.
 *
 * @param schedulableWhen when a case joins the queue
 * @param applicantReschedulesAllowed how often an applicant may ask for another date
 * @param missedAppointmentsRescheduled how many missed appointments get a new one before the case is flagged to a
 *     caseworker
 */
public record SchedulingPolicy(
        SchedulableWhen schedulableWhen, int applicantReschedulesAllowed, int missedAppointmentsRescheduled) {

    public enum SchedulableWhen {
        /** As soon as the case is registered. */
        REGISTERED,
        /** Once every required document is accepted (originals are shown at the appointment). */
        CHECKLIST_COMPLETED
    }

    public static SchedulingPolicy standard() {
        return new SchedulingPolicy(SchedulableWhen.CHECKLIST_COMPLETED, 1, 1);
    }
}
