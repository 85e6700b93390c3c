package io.vtp.streaming.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vtp.streaming.media.Ladder;
import io.vtp.streaming.media.Rung;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The JSON columns (requested rungs, measured ladder), written with the service's snake_case mapper. */
@ApplicationScoped
public class Json {

    private static final TypeReference<List<Rung>> RUNGS = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String rungs(List<Rung> rungs) {
        return write(rungs);
    }

    public List<Rung> rungs(String json) {
        try {
            return mapper.readValue(json, RUNGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rungs column", e);
        }
    }

    public String ladder(Ladder ladder) {
        return write(ladder);
    }

    public Ladder ladder(String json) {
        try {
            return mapper.readValue(json, Ladder.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable ladder column", e);
        }
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
