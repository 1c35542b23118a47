package pt.aima.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access policy of one endpoint, declared once on its handler method and enforced by {@link AccessGuard}: the
 * roles that may call it, each on its own. {@link Role#APPLICANT}, when listed, may act only on a case of their own
 * (the {@code caseId} path variable); an endpoint without this annotation is refused to everyone.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AllowedRoles {

    Role[] value();
}
