package io.vtp.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;

/** PostgreSQL from embedded binaries, its data kept in .vtp/postgres between runs; one database per service. */
final class LocalPostgres implements AutoCloseable {

    static final String USERNAME = "vtp";
    static final String PASSWORD = "vtp";

    private final EmbeddedPostgres postgres;
    private final int port;

    private LocalPostgres(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static LocalPostgres start(Path dataDir, int port, Path log) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(log.getParent());
        ProcessBuilder.Redirect output = ProcessBuilder.Redirect.appendTo(log.toFile());
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(output)
                    .setErrorRedirector(output)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new LocalPostgres(postgres, port);
        } catch (IOException | RuntimeException e) {
            String hint = Files.exists(dataDir.resolve("postmaster.pid"))
                    ? " A PostgreSQL of an earlier run may still be running (see " + dataDir.resolve("postmaster.pid") + ")."
                    : " Is port " + port + " free?";
            throw new StartupException("PostgreSQL did not start: " + e.getMessage() + "." + hint + " Log: " + log, e);
        }
    }

    /** Creates the login role and a database owned by it for each name, unless they exist already. */
    void ensureDatabases(Collection<String> names) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USERNAME)) {
                statement.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            for (String name : names) {
                if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                    statement.execute("CREATE DATABASE \"" + name + "\" OWNER " + USERNAME);
                }
            }
        }
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
