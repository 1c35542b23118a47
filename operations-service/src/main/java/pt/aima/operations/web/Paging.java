package pt.aima.operations.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Reads {@code page} and {@code size} as Spring Data does (page from 0), refusing what it cannot use by name. */
@Component
class Paging {

    static final int DEFAULT_SIZE = 20;

    private final int maxSize;

    Paging(@Value("${aima.operations-service.max-page-size:200}") int maxSize) {
        this.maxSize = maxSize;
    }

    record Request(int page, int size) {}

    Request read(String page, String size) {
        int p = page == null ? 0 : number("page", page);
        int s = size == null ? DEFAULT_SIZE : number("size", size);
        if (p < 0) {
            throw InvalidRequest.of("page", "must be 0 or more (the first page is 0)");
        }
        if (s < 1 || s > maxSize) {
            throw InvalidRequest.of("size", "must be between 1 and " + maxSize);
        }
        return new Request(p, s);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw InvalidRequest.of(name, "must be a whole number, not '" + value + "'");
        }
    }
}
