package io.vtp.local;

import io.vtp.local.cds.LinkingMain;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** One VTP service (a Quarkus fast-jar) running as a child JVM on its local port. */
final class ServiceProcess {

    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /**
     * A service that records its class-data archive writes some 15,000 classes while it exits: a few
     * seconds on a quiet machine, but over 20 s on two busy cores with six services dumping at once.
     * Killing it then loses the archive (the next start records again), so it gets longer.
     */
    static final Duration RECORDING_STOP_GRACE = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final ChildProcess process;
    private final TrainedArchive archive;
    private volatile boolean runningWhenStopped;

    private ServiceProcess(String name, int port, ChildProcess process, TrainedArchive archive) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.archive = archive;
    }

    /** The runnable jar of service {@code name}: {@code <repo>/<name>-service/target/quarkus-app/quarkus-run.jar}. */
    static Path runnableJar(Path repo, String name) {
        return moduleDir(repo, name).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    static ServiceProcess start(String name, int port, LocalSettings settings, String kafkaBootstrap,
                                Map<String, Integer> servicePorts) throws IOException {
        Path dataDir = settings.home().resolve(name);
        Files.createDirectories(dataDir);
        Map<String, String> env = new HashMap<>(environment(name, port, settings, kafkaBootstrap, dataDir));
        if (servicePorts.containsKey("auth")) {
            // resource services verify tokens against auth-service's JWKS, wherever local mode runs it
            env.put("VTP_AUTH_JWKS_URL", "http://127.0.0.1:" + servicePorts.get("auth") + "/.well-known/jwks.json");
        }
        // download and playback links are signed with one key local mode keeps (VTP_SIGNED_URL_KEY_K1)
        env.put("VTP_SIGNED_URL_KEY_K1", LocalSecrets.signedUrlKey(settings.home()));
        Path launcher = LocalSettings.cdsLauncherJar();
        TrainedArchive archive = TrainedArchive.of(settings.home(), name, runnableJar(settings.repo(), name), launcher);
        Launch launch = launch(settings.repo(), name, archive.jvmOptions(), launcher);
        Path log = settings.logs().resolve(name + ".log");
        return new ServiceProcess(name, port, ChildProcess.start(name, launch.command(), launch.directory(), env, log),
                archive);
    }

    private static Map<String, String> environment(String name, int port, LocalSettings settings, String kafkaBootstrap,
                                                   Path dataDir) {
        return Map.of(
                "QUARKUS_PROFILE", "local",
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "DB_HOST", "127.0.0.1",
                "DB_PORT", Integer.toString(settings.pgPort()),
                "DB_NAME", name,
                "DB_USERNAME", LocalPostgres.USERNAME,
                "DB_PASSWORD", LocalPostgres.PASSWORD,
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                "VTP_DATA_DIR", dataDir.toString());
    }

    /**
     * How service {@code name} is launched, inside its {@code target/quarkus-app}: {@code java <options>
     * <archiveOptions> -cp quarkus-run.jar:<launcher> io.vtp.local.cds.LinkingMain <Main-Class of
     * quarkus-run.jar>}, which runs the service as {@code java -jar quarkus-run.jar} would (the jar's
     * manifest still supplies the rest of the class path). An AppCDS archive records the class path as
     * the JVM saw it, and a JVM whose class path differs ignores the archive without a word: every start
     * of a service, recording or not, uses this same class path.
     */
    static Launch launch(Path repo, String name, List<String> archiveOptions, Path launcherJar) throws IOException {
        Path jar = runnableJar(repo, name);
        List<String> command = new ArrayList<>();
        command.add(LocalSettings.javaExecutable());
        command.addAll(jvmOptions(repo));
        command.addAll(extraJvmOptions(name, System.getenv()));
        command.addAll(archiveOptions);
        command.add("-cp");
        command.add(jar.getFileName() + File.pathSeparator + launcherJar.toAbsolutePath());
        command.add(LinkingMain.class.getName());
        command.add(mainClass(jar));
        return new Launch(List.copyOf(command), jar.getParent());
    }

    /** The {@code Main-Class} of a runnable jar's manifest. */
    static String mainClass(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null || main.isBlank()) {
                throw new IOException(jar + " names no Main-Class in its manifest");
            }
            return main.trim();
        }
    }

    /** A service JVM's command line and the directory it runs in. */
    record Launch(List<String> command, Path directory) {
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    ChildProcess process() {
        return process;
    }

    /** True once {@code /q/health/ready} answers 200. */
    boolean isReady() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + HealthAggregator.READY_PATH))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Stops all services together: SIGTERM to each, then wait for each (force after the grace period).
     * A service that recorded its class-data archive writes it while it exits.
     */
    static void stopAll(List<ServiceProcess> services) {
        if (services.stream().anyMatch(service -> service.process.isAlive() && service.archive.isRecording())) {
            System.out.println("vtp: services write their class-data archives while they stop (once per build; "
                    + "later starts are faster)");
        }
        services.forEach(ServiceProcess::signalStop);
        services.forEach(ServiceProcess::awaitStop);
    }

    private void signalStop() {
        runningWhenStopped = process.isAlive();
        process.signalStop();
    }

    private void awaitStop() {
        boolean exitedInTime = process.awaitExit(archive.isRecording() ? RECORDING_STOP_GRACE : STOP_GRACE);
        archive.finish(runningWhenStopped && exitedInTime);
    }

    /**
     * Options for one service on top of the shared file, from {@code VTP_JVM_OPTIONS_<NAME>}
     * (e.g. {@code VTP_JVM_OPTIONS_ANALYTICS="-XX:TieredStopAtLevel=4 -Xmx1g"}; a later option wins),
     * so that a benchmark can run one service as production runs it.
     */
    static List<String> extraJvmOptions(String name, java.util.Map<String, String> environment) {
        String value = environment.get("VTP_JVM_OPTIONS_" + name.toUpperCase(java.util.Locale.ROOT));
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
    }

    /** The options of {@code deploy/service-jvm.options}: one or more per line, {@code #} starts a comment. */
    static List<String> jvmOptions(Path repo) throws IOException {
        List<String> options = new ArrayList<>();
        Path file = repo.resolve("deploy").resolve("service-jvm.options");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String content = line.replaceFirst("#.*", "").trim();
                if (!content.isEmpty()) {
                    options.addAll(List.of(content.split("\\s+")));
                }
            }
        }
        return options;
    }

    private static Path moduleDir(Path repo, String name) {
        return repo.resolve(name + "-service");
    }
}
