package io.vtp.bench.floor;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The one entity of the start-up floor app: enough for Hibernate to build a model and validate it. */
@Entity
@Table(name = "note")
public class Note extends PanacheEntityBase {

    @Id
    public long id;

    public String text;
}
