package io.vtp.signalling.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A chat message sent in a room. */
@Entity
@Table(name = "chat_messages")
public class ChatMessage {

    @Id
    public UUID id;

    @Column(name = "room_id", nullable = false)
    public UUID roomId;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    public String name;

    @Column(nullable = false)
    public String text;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;
}
