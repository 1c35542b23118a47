package pt.aima.platform.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The top-level record component of a stored event that names whose personal data its {@link Personal} components
 * are (the applicant's account id): the key they are encrypted with is that person's (see {@link #orElse()} for an
 * event written before that person is known, {@link #indirect()} for an event that names the person's case only).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface DataSubject {

    /**
     * Another top-level component that names whose data it is while this one is null (a notification addressed to
     * its case before the case's applicant was known): the subject is then {@code "<component>:<value>"}, e.g.
     * {@code "caseId:…"}, and whoever erases the applicant's data erases that subject too. Empty: an event whose
     * subject is null and that holds personal data is refused.
     */
    String orElse() default "";

    /**
     * This component names the person's case rather than the person (an event that carries only the case id, such as
     * what staff typed about the case): the subject is {@code "<component>:<value>"}, e.g. {@code "caseId:…"}, spelled
     * as {@link #orElse()}'s, and whoever erases the case's applicant erases that subject too. The component's JSON
     * must be a plain value (a typed id writes its raw value).
     */
    boolean indirect() default false;
}
