package io.vtp.course.service;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Supplier;

/** One page of a longer list, with the size of the whole list. */
public record Page<T>(List<T> items, long total) {

    /**
     * The page with its total: counted only when the page does not already tell it (a first page
     * shorter than the limit is the whole list, which is what most users' lists are).
     */
    public static <T> Uni<Page<T>> of(List<T> items, int offset, int limit, Supplier<Uni<Long>> count) {
        if (offset == 0 && items.size() < limit) {
            return Uni.createFrom().item(new Page<>(items, items.size()));
        }
        return count.get().map(total -> new Page<>(items, total));
    }
}
