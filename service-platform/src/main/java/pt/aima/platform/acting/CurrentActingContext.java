package pt.aima.platform.acting;

/** The acting context of the request being served: who is authenticated, and the request's correlation id. */
@FunctionalInterface
public interface CurrentActingContext {

    ActingContext get();
}
