package io.vtp.recording.service;

import io.vtp.kit.blocking.BlockingWork;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vtp.recording.config.RecordingConfig;
import io.vtp.recording.domain.Recording;
import io.vtp.recording.repository.RecordingRepository;
import io.vtp.media.storage.MediaStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The background sweeps: recordings left recording by a browser that went away are stopped,
 * deleted recordings' media leaves the store, unfinished tus uploads expire.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final RecordingRepository recordings;
    private final CaptureService capture;
    private final TusService tus;
    private final ProcessingWorker worker;
    private final MediaStore store;
    private final BlockingWork blocking;
    private final RecordingConfig config;
    private final Clock clock;

    public Housekeeping(RecordingRepository recordings, CaptureService capture, TusService tus, ProcessingWorker worker,
                        MediaStore store, BlockingWork blocking, RecordingConfig config, Clock clock) {
        this.recordings = recordings;
        this.capture = capture;
        this.tus = tus;
        this.worker = worker;
        this.store = store;
        this.blocking = blocking;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${vtp.recording.capture.idle-check-interval}", delayed = "10s")
    Uni<Void> idleSweep() {
        return stopIdle().replaceWithVoid();
    }

    @Scheduled(every = "${vtp.recording.purge-interval}", delayed = "20s")
    Uni<Void> purgeSweep() {
        return purgeDeleted().chain(tus::expire).replaceWithVoid();
    }

    /** Stops recordings that received nothing for the idle timeout; yields how many. */
    public Uni<Integer> stopIdle() {
        Instant before = Instant.now(clock).minus(config.capture().idleTimeout());
        return Panache.withTransaction(() -> recordings.idleSince(before, 100).call(list -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Recording idle : list) {
                chain = chain.chain(() -> recordings.findForUpdate(idle.id)
                        .chain(r -> capture.stopNow(r, r.ownerId)).replaceWithVoid());
            }
            return chain;
        }).map(List::size)).invoke(n -> {
            if (n > 0) {
                LOG.infof("Stopped %d idle recording(s)", n);
                worker.wake();
            }
        });
    }

    /** Removes the media of soft-deleted recordings from the store; yields how many were purged. */
    public Uni<Integer> purgeDeleted() {
        return Panache.withSession(() -> recordings.unpurged(50)).chain(list -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Recording r : list) {
                chain = chain.chain(n -> blocking.run(() -> store.deletePrefix("raw/" + r.id + "/"))
                        .chain(() -> Panache.withTransaction(() -> recordings.update(
                                "mediaPurgedAt = ?1 where id = ?2", Instant.now(clock), r.id)))
                        .map(x -> n + 1)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf("Could not purge the media of recording %s: %s", r.id, failure.getMessage());
                            return n;
                        }));
            }
            return chain;
        });
    }
}
