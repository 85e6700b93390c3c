package io.vtp.streaming.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.blocking.BlockingWork;
import io.vtp.media.storage.MediaStore;
import io.vtp.streaming.repository.RenditionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Deletes the files of replaced or withdrawn ladders once their grace period is over; ends viewing sessions gone quiet. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final RenditionRepository renditions;
    private final MediaStore store;
    private final BlockingWork blocking;
    private final Clock clock;
    private final ViewingService viewing;

    public Housekeeping(RenditionRepository renditions, MediaStore store, BlockingWork blocking, Clock clock,
                        ViewingService viewing) {
        this.viewing = viewing;
        this.renditions = renditions;
        this.store = store;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Scheduled(every = "${vtp.streaming.purge-interval}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return purgeRetired();
    }

    /** Viewing sessions whose players went quiet end with reason timeout. */
    @Scheduled(every = "${vtp.streaming.purge-interval}", delayed = "7s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> endIdleSessions() {
        return viewing.endIdleSessions().replaceWithVoid();
    }

    /** Deletes every retired ladder that is due; returns when done. */
    public Uni<Void> purgeRetired() {
        return Panache.withSession(() -> renditions.retiredDue(Instant.now(clock), 50))
                .chain(prefixes -> deleteAll(prefixes));
    }

    private Uni<Void> deleteAll(List<String> prefixes) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String prefix : prefixes) {
            chain = chain.chain(() -> blocking.run(() -> store.deletePrefix(prefix))
                    .chain(n -> Panache.withTransaction(() -> renditions.forgetRetired(prefix)))
                    .onFailure().invoke(e -> LOG.infof("Could not delete retired ladder %s: %s", prefix, e.getMessage()))
                    .onFailure().recoverWithNull().replaceWithVoid());
        }
        return chain;
    }
}
