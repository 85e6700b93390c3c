package io.vtp.signalling.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import io.vtp.signalling.domain.ChatMessage;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ChatMessageRepository implements PanacheRepositoryBase<ChatMessage, UUID> {

    /** Up to {@code limit} messages sent before {@code before} (null: the newest), newest first. */
    public Uni<List<ChatMessage>> page(UUID roomId, Instant before, int limit) {
        String query = before == null ? "roomId = :room order by sentAt desc, id desc"
                : "roomId = :room and sentAt < :before order by sentAt desc, id desc";
        Parameters parameters = Parameters.with("room", roomId);
        if (before != null) {
            parameters = parameters.and("before", before);
        }
        return find(query, parameters).page(0, limit).list();
    }
}
