package io.vtp.analytics.repository;

import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Rows turned into one typed array per column, for bulk statements over
 * {@code unnest($1::uuid[], $2::float8[], ...)}: one round trip and one plan for a whole batch.
 * Add one value per column per row, in column order.
 */
final class Columns {

    private final List<List<Object>> columns = new ArrayList<>();
    private final Class<?>[] types;
    private int column;

    Columns(Class<?>... types) {
        this.types = types;
        for (int i = 0; i < types.length; i++) {
            columns.add(new ArrayList<>());
        }
    }

    Columns add(Object value) {
        Object v = value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value;
        columns.get(column).add(v);
        column = (column + 1) % types.length;
        return this;
    }

    boolean isEmpty() {
        return columns.get(0).isEmpty();
    }

    int rows() {
        return columns.get(0).size();
    }

    Tuple tuple() {
        Tuple tuple = Tuple.tuple();
        for (int i = 0; i < types.length; i++) {
            List<Object> values = columns.get(i);
            Class<?> type = types[i];
            if (type == UUID.class) {
                tuple.addValue(values.toArray(new UUID[0]));
            } else if (type == String.class) {
                tuple.addValue(values.toArray(new String[0]));
            } else if (type == Double.class) {
                tuple.addValue(values.toArray(new Double[0]));
            } else if (type == Integer.class) {
                tuple.addValue(values.toArray(new Integer[0]));
            } else if (type == Long.class) {
                tuple.addValue(values.toArray(new Long[0]));
            } else if (type == Instant.class) {
                tuple.addValue(values.toArray(new OffsetDateTime[0]));
            } else if (type == LocalDate.class) {
                tuple.addValue(values.toArray(new LocalDate[0]));
            } else {
                throw new IllegalArgumentException("no array type for " + type);
            }
        }
        return tuple;
    }
}
