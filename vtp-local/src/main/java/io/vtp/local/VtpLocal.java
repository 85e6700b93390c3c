package io.vtp.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@code ./vtp up | status | help}: the local mode launcher (see vtp-local/README.md). */
public final class VtpLocal {

    private static final String HELP = """
            Usage: ./vtp <command>

              up      build what is missing, then start PostgreSQL, Kafka, every built service and the
                      gateway on http://localhost:8080; Ctrl-C stops everything
              status  show the gateway's /health: the readiness of every started service
              help    show this text

            Environment:
              VTP_HOME           data, logs and lock of local mode (default <repo>/.vtp; delete it to reset)
              VTP_GATEWAY_PORT   gateway port (default 8080)
              VTP_PG_PORT        PostgreSQL port (default 15432)
              VTP_KAFKA_PORT     Kafka port (default 9092; the KRaft controller uses the next port)
              VTP_READY_TIMEOUT  seconds to wait for the services to be ready (default 90)
            """;

    private VtpLocal() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "help" : args[0];
        try {
            switch (command) {
                case "up" -> up(LocalSettings.fromEnvironment(System.getenv()));
                case "status" -> System.exit(status(LocalSettings.fromEnvironment(System.getenv())));
                case "help", "-h", "--help" -> System.out.print(HELP);
                default -> {
                    System.err.println("vtp: unknown command '" + command + "'");
                    System.err.print(HELP);
                    System.exit(2);
                }
            }
        } catch (StartupException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("vtp: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("vtp: failed: " + e);
            System.exit(1);
        }
    }

    private static void up(LocalSettings settings) throws Exception {
        RouteTable routes = RouteTable.load(settings.routesFile());
        Teardown teardown = new Teardown();
        teardown.register(null, InstanceLock.acquire(settings.home()));
        Runtime.getRuntime().addShutdownHook(new Thread(teardown::run, "vtp-teardown"));
        Map<String, Integer> built = builtServices(settings.repo(), routes);
        requireFreePorts(settings, built);
        startFreshLogs(settings.logs());

        say("starting PostgreSQL on 127.0.0.1:" + settings.pgPort() + " (data in " + settings.home().resolve("postgres") + ")");
        LocalPostgres postgres = teardown.register("PostgreSQL", LocalPostgres.start(
                settings.home().resolve("postgres"), settings.pgPort(), settings.logs().resolve("postgres.log")));
        postgres.ensureDatabases(routes.servicePorts().keySet());

        say("starting Kafka on 127.0.0.1:" + settings.kafkaPort() + " (data in " + settings.home().resolve("kafka") + ")");
        LocalKafka kafka = teardown.register("Kafka", LocalKafka.start(
                settings.home(), settings.kafkaPort(), settings.logs().resolve("kafka.log")));

        if (built.isEmpty()) {
            say("no services found (no <name>-service/target/quarkus-app/quarkus-run.jar for any service of "
                    + "deploy/routes.yaml): running PostgreSQL, Kafka and the gateway only");
        }
        Gateway gateway = teardown.register("gateway", Gateway.start(routes, built.keySet(), settings.gatewayPort()));

        List<ServiceProcess> services = new CopyOnWriteArrayList<>();
        teardown.register("services", () -> ServiceProcess.stopAll(services));
        for (Map.Entry<String, Integer> service : built.entrySet()) {
            say("starting " + service.getKey() + " on 127.0.0.1:" + service.getValue());
            services.add(ServiceProcess.start(service.getKey(), service.getValue(), settings, kafka.bootstrapServers(),
                    routes.servicePorts()));
        }
        if (!awaitReady(teardown, services, settings.readyTimeout())) {
            return;
        }
        printSummary(settings, gateway, postgres, kafka, services);
        watch(teardown, kafka, services);
    }

    private static void requireFreePorts(LocalSettings settings, Map<String, Integer> services) {
        Ports.requireFree(settings.gatewayPort(), "gateway, VTP_GATEWAY_PORT");
        Ports.requireFree(settings.pgPort(), "PostgreSQL, VTP_PG_PORT");
        Ports.requireFree(settings.kafkaPort(), "Kafka, VTP_KAFKA_PORT");
        Ports.requireFree(settings.kafkaPort() + 1, "Kafka controller, VTP_KAFKA_PORT + 1");
        services.forEach((name, port) -> Ports.requireFree(port, name + " service, deploy/routes.yaml"));
    }

    private static Map<String, Integer> builtServices(Path repo, RouteTable routes) {
        Map<String, Integer> built = new LinkedHashMap<>();
        routes.servicePorts().forEach((name, port) -> {
            if (Files.isRegularFile(ServiceProcess.runnableJar(repo, name))) {
                built.put(name, port);
            }
        });
        return built;
    }

    /** Waits until every service is ready; false if local mode is being stopped meanwhile. */
    private static boolean awaitReady(Teardown teardown, List<ServiceProcess> services, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ServiceProcess> pending = new ArrayList<>(services);
        while (!pending.isEmpty()) {
            if (teardown.isRunning()) {
                return false;
            }
            for (ServiceProcess service : List.copyOf(pending)) {
                ChildProcess process = service.process();
                if (!process.isAlive()) {
                    throw failure(service, "exited with code " + process.exitCode());
                }
                if (service.isReady()) {
                    say(service.name() + " is ready");
                    pending.remove(service);
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                throw failure(pending.get(0), "was not ready within " + timeout.toSeconds() + " s (VTP_READY_TIMEOUT)");
            }
            Thread.sleep(500);
        }
        return true;
    }

    private static StartupException failure(ServiceProcess service, String what) {
        ChildProcess process = service.process();
        return new StartupException("service " + service.name() + " failed to start: it " + what
                + ". Last lines of " + process.log() + ":\n" + process.tail(20));
    }

    private static void printSummary(LocalSettings settings, Gateway gateway, LocalPostgres postgres,
                                     LocalKafka kafka, List<ServiceProcess> services) {
        StringBuilder text = new StringBuilder("\nVTP local mode is ready.\n");
        String gatewayUrl = "http://localhost:" + gateway.port();
        text.append(String.format("  %-12s %s   (health: %s/health)%n", "gateway", gatewayUrl, gatewayUrl));
        for (ServiceProcess service : services) {
            text.append(String.format("  %-12s %s   (Swagger UI: %s/q/swagger-ui)%n", service.name(), service.url(), service.url()));
        }
        text.append(String.format("  %-12s %s   (user %s, password %s; one database per service)%n", "PostgreSQL",
                postgres.jdbcUrl("<service>"), LocalPostgres.USERNAME, LocalPostgres.PASSWORD));
        text.append(String.format("  %-12s %s%n", "Kafka", kafka.bootstrapServers()));
        text.append(String.format("  %-12s %s%n", "logs", settings.logs()));
        text.append("Press Ctrl-C to stop.\n");
        System.out.print(text);
    }

    /** Blocks until shutdown, reporting a child that exits on its own once. */
    private static void watch(Teardown teardown, LocalKafka kafka, List<ServiceProcess> services) throws InterruptedException {
        List<ChildProcess> children = new ArrayList<>();
        children.add(kafka.process());
        services.forEach(service -> children.add(service.process()));
        Set<ChildProcess> reported = new HashSet<>();
        while (true) {
            Thread.sleep(2_000);
            for (ChildProcess child : children) {
                if (!child.isAlive() && !teardown.isRunning() && reported.add(child)) {
                    System.err.println("vtp: " + child.name() + " exited with code " + child.exitCode()
                            + "; see " + child.log() + ". Last lines:\n" + child.tail(20));
                }
            }
        }
    }

    private static int status(LocalSettings settings) throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + settings.gatewayPort() + "/health");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println(response.statusCode() + " " + response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (IOException e) {
            System.err.println("vtp: local mode is not running (nothing answers " + uri + ")");
            return 1;
        }
    }

    /** Each run's logs start empty, so a log's last lines are always about this run. */
    private static void startFreshLogs(Path logs) throws IOException {
        Files.createDirectories(logs);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, "*.log")) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }

    private static void say(String message) {
        System.out.println("vtp: " + message);
    }
}
