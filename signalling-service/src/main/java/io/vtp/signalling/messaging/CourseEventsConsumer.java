package io.vtp.signalling.messaging;

import io.smallrye.mutiny.Uni;
import io.vtp.kit.courses.CourseEventHandlers;
import io.vtp.kit.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** vtp.courses and vtp.enrollments (course-service) into the kit's course roster: who may join which course room. */
@ApplicationScoped
public class CourseEventsConsumer {

    private final Inbox inbox;
    private final CourseEventHandlers handlers;

    public CourseEventsConsumer(Inbox inbox, CourseEventHandlers handlers) {
        this.inbox = inbox;
        this.handlers = handlers;
    }

    @Incoming("courses-in")
    public Uni<Void> onCourseEvent(Message<String> message) {
        return inbox.process("signalling-service.courses", message, handlers.courses());
    }

    @Incoming("enrollments-in")
    public Uni<Void> onEnrollmentEvent(Message<String> message) {
        return inbox.process("signalling-service.enrollments", message, handlers.enrollments());
    }
}
