package io.vtp.kit.inbox;

import io.vtp.testsupport.TopicWriter;

import java.util.Map;

/** Records for the kit's test consumer, written with test-support's plain producer. */
public final class TestRecords extends TopicWriter {

    /** Binary-mode CloudEvents headers of an event from the kit's test producer. */
    public static Map<String, String> cloudEvent(String id, String type) {
        return TopicWriter.cloudEvent(id, type, "/vtp/kit-test-producer");
    }

    /** Sends a {@code COUNTED} event incrementing {@code counter}. */
    public void sendCounted(String topic, String id, String counter) {
        send(topic, counter, "{\"counter\":\"" + counter + "\"}", cloudEvent(id, KitTestConsumer.COUNTED));
    }
}
