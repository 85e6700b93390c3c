package io.vtp.kit.persistence;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Creates every service's reactive pool as Quarkus would (its pool and connect options, from
 * {@code quarkus.datasource.*}), with a bounded wait for a connection: {@link PoolConfig#acquireTimeout()}.
 * {@link PoolExhaustion} recognises the failure a request gets when that wait runs out.
 */
@Singleton
public class TimedPoolCreator implements PgPoolCreator {

    private final PoolConfig config;

    public TimedPoolCreator(PoolConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions options = new PoolOptions(input.poolOptions())
                .setConnectionTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, config.acquireTimeout().toMillis())))
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS);
        List<SqlConnectOptions> databases = new ArrayList<>(input.pgConnectOptionsList());
        return PgBuilder.pool().with(options).connectingTo(databases).using(input.vertx()).build();
    }
}
