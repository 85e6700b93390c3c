package io.vtp.local;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka broker in its own JVM (classpath: this launcher's jars), its data kept in
 * .vtp/kafka/data between runs; the storage is formatted on the first start only.
 */
final class LocalKafka implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final ChildProcess broker;
    private final int port;

    private LocalKafka(ChildProcess broker, int port) {
        this.broker = broker;
        this.port = port;
    }

    static LocalKafka start(Path home, int port, Path log) throws IOException, InterruptedException {
        Path dir = home.resolve("kafka");
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path config = dir.resolve("server.properties");
        Files.writeString(config, serverProperties(data, port));
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(dir, config, log);
        }
        ChildProcess broker = ChildProcess.start("kafka", javaCommand("kafka.Kafka", config.toString()), dir, Map.of(), log);
        awaitListening(broker, port);
        return new LocalKafka(broker, port);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    ChildProcess process() {
        return broker;
    }

    @Override
    public void close() {
        broker.stop(STOP_GRACE);
    }

    static String serverProperties(Path data, int port) {
        int controllerPort = port + 1;
        return String.join("\n",
                "# Written by vtp-local on every start; edit LocalKafka instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static void format(Path dir, Path config, Path log) throws IOException, InterruptedException {
        String clusterId = Uuid.randomUuid().toString();
        Process format = new ProcessBuilder(javaCommand("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!format.waitFor(2, TimeUnit.MINUTES) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new StartupException("formatting the Kafka storage in " + dir + " failed; see " + log);
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(LocalSettings.javaExecutable(), "-Xmx512m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-cp", LocalSettings.libDirectory().resolve("*").toString(),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private static void awaitListening(ChildProcess broker, int port) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new StartupException("Kafka exited with code " + broker.exitCode() + ". Last lines of "
                        + broker.log() + ":\n" + broker.tail(20));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        broker.stop(Duration.ofSeconds(5));
        throw new StartupException("Kafka did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s. Last lines of " + broker.log() + ":\n" + broker.tail(20));
    }
}
