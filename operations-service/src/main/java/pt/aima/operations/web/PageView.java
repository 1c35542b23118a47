package pt.aima.operations.web;

import java.util.List;

/**
 * One page of a longer list, shaped as Spring Data's pages are.
 *
 * @param page the page's number, from 0
 * @param size the largest number of items a page holds
 * @param totalElements how many items the whole list holds
 * @param totalPages how many pages of {@code size} the whole list fills
 */
record PageView<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    static <T> PageView<T> of(List<T> content, Paging.Request request, long total) {
        int pages = (int) ((total + request.size() - 1) / request.size());
        return new PageView<>(List.copyOf(content), request.page(), request.size(), total, pages);
    }
}
