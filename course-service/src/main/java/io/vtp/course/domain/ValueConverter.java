package io.vtp.course.domain;

import jakarta.persistence.AttributeConverter;

import java.util.Optional;
import java.util.function.Function;

/** Stores an enum as its lower-case API value (the column's check constraint lists the same values). */
abstract class ValueConverter<E> implements AttributeConverter<E, String> {

    private final Function<E, String> toValue;
    private final Function<String, Optional<E>> parse;

    ValueConverter(Function<E, String> toValue, Function<String, Optional<E>> parse) {
        this.toValue = toValue;
        this.parse = parse;
    }

    @Override
    public String convertToDatabaseColumn(E attribute) {
        return attribute == null ? null : toValue.apply(attribute);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : parse.apply(column)
                .orElseThrow(() -> new IllegalStateException("unknown value in the database: " + column));
    }
}
