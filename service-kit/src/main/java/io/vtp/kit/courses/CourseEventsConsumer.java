package io.vtp.kit.courses;

import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Uni;
import io.vtp.kit.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * vtp.courses and vtp.enrollments (course-service) into the {@link CourseRoster}, for a service
 * that sets {@code vtp.kit.courses.consume=true} (a build-time switch) and declares the incoming
 * channels {@code courses-in} and {@code enrollments-in}. Inbox consumer names are
 * {@code <quarkus.application.name>.courses} and {@code .enrollments}.
 */
@ApplicationScoped
@IfBuildProperty(name = "vtp.kit.courses.consume", stringValue = "true")
public class CourseEventsConsumer {

    private final Inbox inbox;
    private final CourseEventHandlers handlers;
    private final String application;

    public CourseEventsConsumer(Inbox inbox, CourseEventHandlers handlers,
                                @ConfigProperty(name = "quarkus.application.name") String application) {
        this.inbox = inbox;
        this.handlers = handlers;
        this.application = application;
    }

    @Incoming("courses-in")
    public Uni<Void> onCourseEvent(Message<String> message) {
        return inbox.process(application + ".courses", message, handlers.courses());
    }

    @Incoming("enrollments-in")
    public Uni<Void> onEnrollmentEvent(Message<String> message) {
        return inbox.process(application + ".enrollments", message, handlers.enrollments());
    }
}
