package pt.aima.platform.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The tables a projection writes, for a projection that does not keep them through {@link ReadModelTable} (whose
 * tables the platform finds by itself): with it, the projection can be rebuilt blue/green like the others ({@code POST
 * /operations/projections/{name}/rebuilds}). Name every table its handlers write; a handler that writes another one
 * fails the rebuild rather than touching a live table.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ProjectionTables {

    /** The tables, parents before the tables whose rows belong to them. */
    String[] value();

    /** Columns a rebuild may legitimately fill otherwise (see {@link ReadModelTable#notCompared(String...)}). */
    String[] notCompared() default {};
}
