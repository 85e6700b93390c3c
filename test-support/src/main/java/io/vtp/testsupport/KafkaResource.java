package io.vtp.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.Map;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running inside the
 * test JVM, for {@code @QuarkusTest}s. One broker is shared by every test class of the JVM.
 *
 * <p>{@link #stopBroker()} and {@link #startBroker()} take the broker down and bring it back on
 * the same port with its data, for tests of what happens while Kafka is unavailable.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    private static KafkaClusterTestKit cluster;

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; a shutdown hook stops it.
    }

    /** Bootstrap servers of the shared broker, started on first use. */
    public static synchronized String bootstrapServers() {
        return cluster().bootstrapServers();
    }

    /** Shuts the broker down (the controller and the data stay). */
    public static synchronized void stopBroker() {
        broker().shutdown();
        broker().awaitShutdown();
    }

    /** Starts the broker again after {@link #stopBroker()}, on the same port. */
    public static synchronized void startBroker() {
        broker().startup();
        try {
            cluster().waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker did not come back", e);
        }
    }

    private static BrokerServer broker() {
        return cluster().brokers().values().iterator().next();
    }

    private static synchronized KafkaClusterTestKit cluster() {
        if (cluster == null) {
            // As in Kafka's own tests: a broker failing while the JVM shuts down must not exit or
            // halt the test JVM (surefire would report a crashed fork after green tests).
            Exit.setExitProcedure((code, message) ->
                    System.err.println("embedded Kafka asked to exit with " + code + ": " + message));
            Exit.setHaltProcedure((code, message) ->
                    System.err.println("embedded Kafka asked to halt with " + code + ": " + message));
            try {
                KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("auto.create.topics.enable", "true")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
                kit.format();
                kit.startup();
                kit.waitForReadyBrokers();
                cluster = kit;
            } catch (Exception e) {
                throw new IllegalStateException("could not start the embedded Kafka broker", e);
            }
            KafkaClusterTestKit started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is exiting
                }
            }, "embedded-kafka-stop"));
        }
        return cluster;
    }
}
