package io.vtp.analytics.ingest;

import io.vtp.analytics.repository.RawEventStore;
import io.vtp.kit.outbox.EventIds;
import io.vtp.testsupport.PostgresResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * V8 re-keys the events a database already holds: canonical UUID ids by themselves, every other id
 * by its MD5 (as V5 keyed them all), data and times unchanged, and the indexes back. A database
 * of its own, migrated to V7, filled as V7 stored events, then migrated to the end.
 */
class RawEventsRekeyMigrationTest {

    @Test
    void storedEventsGetTheKeyIngestNowLooksThemUpBy() throws SQLException {
        EmbeddedPostgres server = PostgresResource.server();
        String name = "rekey_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = server.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
            s.execute("create database " + name);
        }
        try {
            DataSource db = server.getDatabase("postgres", name);
            flyway(db, "7").migrate();
            Map<String, String> ids = new LinkedHashMap<>();   // id -> data
            for (int i = 0; i < 50; i++) {
                ids.put(i % 2 == 0 ? EventIds.timeOrdered(1_700_000_000_000L + i).toString() : UUID.randomUUID().toString(),
                        "{\"n\": " + i + "}");
            }
            ids.put(UUID.randomUUID().toString().toUpperCase(), "{\"n\": \"upper\"}");
            ids.put("order-42", "{\"n\": \"text\"}");
            ids.put("\u00e9v\u00e9nement-\ud83d\ude00", "{\"n\": \"unicode\"}");
            try (Connection c = db.getConnection(); PreparedStatement insert = c.prepareStatement("""
                    insert into raw_events (event_key, event_id, type, topic, subject, occurred_at, received_at, data)
                    values (md5(?)::uuid, ?, 'vtp.viewing.progress.v1', 'vtp.viewing', 's', now(), now(), ?::json)""")) {
                for (Map.Entry<String, String> e : ids.entrySet()) {
                    insert.setString(1, e.getKey());
                    insert.setString(2, e.getKey());
                    insert.setString(3, e.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            flyway(db, "latest").migrate();

            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                List<String> found = new ArrayList<>();
                try (ResultSet rows = s.executeQuery("select event_id, event_key, data::text, raw_event_key(event_id) from raw_events")) {
                    while (rows.next()) {
                        String id = rows.getString(1);
                        found.add(id);
                        assertEquals(RawEventStore.key(id), rows.getObject(2, UUID.class), id);
                        assertEquals(RawEventStore.key(id), rows.getObject(4, UUID.class), id);
                        assertEquals(ids.get(id), rows.getString(3), id);
                    }
                }
                assertEquals(ids.size(), found.size());
                assertEquals(new ArrayList<>(ids.keySet()).stream().sorted().toList(), found.stream().sorted().toList());
                assertEquals(1, count(s, "select count(*) from raw_events where event_id = 'order-42'"
                        + " and event_key = md5('order-42')::uuid"));
                assertEquals(2, count(s, "select count(*) from pg_indexes where tablename = 'raw_events'"
                        + " and indexname in ('raw_events_pkey', 'raw_events_received')"));
                assertEquals(1, count(s, "select count(*) from pg_indexes where indexname = 'raw_events_received'"
                        + " and indexdef like '%USING brin%'"));
            }
        } finally {
            try (Connection admin = server.getPostgresDatabase().getConnection(); Statement s = admin.createStatement()) {
                s.execute("drop database " + name + " with (force)");
            }
        }
    }

    private static Flyway flyway(DataSource db, String target) {
        // the service's locations (quarkus.flyway.locations)
        return Flyway.configure().dataSource(db).locations("classpath:db/migration", "classpath:db/vtp-kit", "classpath:db/vtp-kit-courses")
                .target(target).load();
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
