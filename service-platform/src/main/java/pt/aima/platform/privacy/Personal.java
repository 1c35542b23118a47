package pt.aima.platform.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component of a stored event that holds personal data: it is encrypted with the key of the event's
 * {@link DataSubject} when the event is written to the event store, and reads back as {@link #ERASED} (text) or null
 * (anything else) once that key was destroyed. Components of nested records and of lists of records are found too.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Personal {

    /** What a personal text field reads as after its data subject's key was destroyed. */
    String ERASED = "[erased]";
}
