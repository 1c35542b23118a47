package pt.aima.scheduling.web;

/** No desk with this id is defined (HTTP 404). */
public class DeskNotFound extends RuntimeException {

    public DeskNotFound(String deskId) {
        super("no desk " + deskId);
    }
}
