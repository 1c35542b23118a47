package pt.aima.platform.web;

/**
 * A request parameter (a query parameter, not a body field) that the endpoint cannot use: answered as 400 naming the
 * parameter, in the same shape as a bad body field ({@code errors: [{field, message}]}).
 */
public class InvalidParameter extends RuntimeException {

    private final String parameter;
    private final String problem;

    /**
     * @param parameter the parameter's name as the client sends it
     * @param problem what is wrong with it, in words the client can act on
     */
    public InvalidParameter(String parameter, String problem) {
        super(parameter + " " + problem);
        this.parameter = parameter;
        this.problem = problem;
    }

    public String parameter() {
        return parameter;
    }

    /** What is wrong with the parameter, without its name. */
    public String problem() {
        return problem;
    }
}
