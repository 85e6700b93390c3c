package io.vtp.streaming.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vtp.streaming.repository.JobRepository;
import io.vtp.streaming.support.Clips;
import io.vtp.streaming.support.Playback;
import io.vtp.streaming.support.Recordings;
import io.vtp.media.storage.MediaDirectories;
import io.vtp.testsupport.Db;
import io.vtp.testsupport.Person;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.vtp.testsupport.ProblemAssertions.problem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The durable queue: a crashed worker's job is taken over and completes; two claimers never get one job. */
@QuarkusTest
class WorkerTest {

    @Inject
    JobRepository jobs;

    @Test
    void aJobWhoseWorkerDiedIsTakenOverAndNothingHalfWrittenIsEverServed() throws Throwable {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.silent());
        UUID first = Recordings.awaitReady(id);
        // an instance died mid-ladder: its job is running under a lease that ran out, with half a ladder in the store
        UUID crashed = UUID.randomUUID();
        sql("insert into transcode_jobs (id, recording_id, status, rungs, custom, stage, percent, attempts, lease_until,"
                + " created_at, started_at) values ('" + crashed + "', '" + id + "', 'running',"
                + " '[{\"height\":240,\"bitrate_kbps\":300}]', true, 'encoding', 40, 1, now() + interval '1 hour', now(), now())");
        Path half = MediaDirectories.mediaRoot().resolve("renditions/" + id + "/" + crashed);
        Files.createDirectories(half);
        Files.writeString(half.resolve("media_0.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:4\nseg-0-00001.m4s\n");
        Files.write(half.resolve("seg-0-00001.m4s"), new byte[100]);
        // while its lease holds, nobody touches it, and players get the complete ladder they had
        String master = Playback.master(owner, id);
        assertTrue(master.contains(first + "/"), master);
        assertTrue(!master.contains(crashed.toString()), master);
        problem(owner.api().post("/api/v1/recordings/" + id + "/transcode").then(), 409, "transcode-in-progress");
        // the lease runs out: the next poll takes the job over and finishes it
        sql("update transcode_jobs set lease_until = now() - interval '1 second' where id = '" + crashed + "'");
        Recordings.awaitJob(id, "completed", Duration.ofSeconds(60));
        assertEquals(2L, Db.countSql("select attempts from transcode_jobs where id = ?1", crashed));
        String after = Playback.master(owner, id);
        assertTrue(after.contains(crashed + "/media_0.m3u8"), after);
        // the half-written playlist was replaced by the complete one
        String playlist = Playback.fetchText(id, Playback.uriLines(after).get(0));
        assertTrue(playlist.contains("#EXT-X-ENDLIST") && playlist.contains("#EXTINF"), playlist);
        for (String segment : Playback.uriLines(playlist)) {
            assertTrue(Playback.fetch(id, crashed + "/" + segment).length > 100);
        }
    }

    @Test
    void twoClaimersNeverGetTheSameJob() throws Throwable {
        Person owner = Person.instructor();
        UUID id = Recordings.completed(owner, null, Clips.silent());
        Recordings.awaitReady(id);
        // a queued job only a claimer from the future would take (its lease holds for real workers)
        UUID queued = UUID.randomUUID();
        sql("insert into transcode_jobs (id, recording_id, status, rungs, custom, stage, percent, attempts, lease_until,"
                + " created_at) values ('" + queued + "', '" + id + "', 'queued', '[{\"height\":240,\"bitrate_kbps\":300}]',"
                + " true, 'queued', 0, 0, now() + interval '1 hour', now() - interval '10 days')");
        Instant future = Instant.now().plus(Duration.ofHours(2));
        List<CompletableFuture<UUID>> claims = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            claims.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                            jobs.claimNext(future, future.plus(Duration.ofMinutes(5)))));
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        UUID a = claims.get(0).get();
        UUID b = claims.get(1).get();
        assertTrue(queued.equals(a) || queued.equals(b), a + " / " + b);
        assertNotEquals(a, b);
        // release it for real workers: cancelled, so it never runs
        sql("update transcode_jobs set status = 'cancelled', lease_until = null where id = '" + queued + "'");
        await().atMost(Duration.ofSeconds(5)).until(() ->
                Db.countSql("select count(*) from transcode_jobs where id = ?1 and status = 'cancelled'", queued) == 1);
    }

    private static void sql(String statement) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                Panache.getSession().chain(s -> s.createNativeQuery(statement).executeUpdate())));
    }
}
