package io.vtp.analytics.service;

import io.quarkus.runtime.StartupEvent;
import io.vtp.analytics.config.AnalyticsConfig;
import io.vtp.analytics.repository.CourseTotals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start, before reports are served: course_student_totals are computed with this instance's
 * {@code vtp.analytics.completion-coverage} (every course is recomputed the first time, or when the
 * threshold changed).
 */
@ApplicationScoped
public class CourseTotalsStartup {

    private static final Logger LOG = Logger.getLogger(CourseTotalsStartup.class);

    void onStart(@Observes StartupEvent event, CourseTotals totals, AnalyticsConfig config) {
        int courses = totals.useCompletion(config.completionCoverage()).await().indefinitely();
        if (courses > 0) {
            LOG.infof("Recomputed the course totals of %d courses for completion coverage %s", courses,
                    config.completionCoverage());
        }
    }
}
