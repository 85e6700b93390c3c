package io.vtp.recording.service;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vtp.recording.support.Fixtures;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.testsupport.Person;
import io.vtp.recording.support.Recordings;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.MutableClock;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The background sweeps, with time moved by a clock instead of waited for. */
@QuarkusTest
class HousekeepingTest {

    @Inject
    Housekeeping housekeeping;

    @Inject
    TusService tus;

    @Test
    void aCaptureThatWentQuietIsStoppedAndProcessed() throws Throwable {
        Person teacher = Person.instructor();
        Fixtures.Capture capture = Fixtures.audioOnly();
        MutableClock clock = MutableClock.startingNow();
        QuarkusMock.installMockForType(clock, Clock.class);
        UUID id = Recordings.start(teacher, "Browser crashed");
        for (int i = 0; i < capture.chunks().size(); i++) {
            Recordings.putChunk(teacher, id, i, capture.chunks().get(i));
        }
        UUID active = Recordings.start(teacher, "Still talking");

        clock.advance(Duration.ofMinutes(9));
        Recordings.putChunk(teacher, active, 0, capture.chunks().get(0));
        VertxContextSupport.subscribeAndAwait(() -> housekeeping.stopIdle());
        teacher.auth().get("/api/v1/recordings/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("recording"));
        clock.advance(Duration.ofMinutes(2)); // 11 minutes after its last chunk, 2 after the other's
        // (other test classes' captures left recording are swept too: only these two are asserted)
        assertTrue(VertxContextSupport.subscribeAndAwait(() -> housekeeping.stopIdle()) >= 1);

        assertEquals("completed", Recordings.awaitFinished(teacher, id).getString("status"));
        teacher.auth().get("/api/v1/recordings/" + active).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("recording"));
    }

    @Test
    void deletedMediaLeavesTheStore() throws Throwable {
        Person teacher = Person.instructor();
        String id = Recordings.capture(teacher, "To purge", Fixtures.audioOnly().chunks()).getString("id");
        assertTrue(Files.exists(MediaDirectories.mediaRoot().resolve("raw/" + id + "/recording.webm")));
        teacher.auth().delete("/api/v1/recordings/" + id).then().statusCode(204);
        await().until(() -> {
            purge();
            return Db.countSql("select count(*) from recordings where id = ?1 and media_purged_at is not null",
                    UUID.fromString(id)) == 1;
        });
        assertFalse(Files.exists(MediaDirectories.mediaRoot().resolve("raw/" + id)));
    }

    private void purge() throws Exception {
        try {
            VertxContextSupport.subscribeAndAwait(() -> housekeeping.purgeDeleted());
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Test
    void unfinishedUploadsExpire() throws Throwable {
        Person teacher = Person.instructor();
        MutableClock clock = MutableClock.startingNow();
        QuarkusMock.installMockForType(clock, Clock.class);
        String location = teacher.auth().header("Tus-Resumable", "1.0.0").header("Upload-Length", "100")
                .post("/api/v1/recordings/uploads").then().statusCode(201).extract().header("Location");
        UUID upload = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        assertTrue(Files.exists(MediaDirectories.workDir().resolve("uploads/" + upload + ".part")));
        clock.advance(Duration.ofHours(23));
        VertxContextSupport.subscribeAndAwait(() -> tus.expire());
        assertEquals(1, Db.countSql("select count(*) from uploads where id = ?1", upload));
        clock.advance(Duration.ofHours(2)); // (the caller's token has expired by now: the database tells)
        VertxContextSupport.subscribeAndAwait(() -> tus.expire());
        assertEquals(0, Db.countSql("select count(*) from uploads where id = ?1", upload));
        assertFalse(Files.exists(MediaDirectories.workDir().resolve("uploads/" + upload + ".part")));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
