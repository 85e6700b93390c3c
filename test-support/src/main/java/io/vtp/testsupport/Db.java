package io.vtp.testsupport;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;

/** Reads the service's database the way the service does (Hibernate Reactive), for assertions. */
public final class Db {

    private Db() {
    }

    /** Runs an HQL {@code select count(...)} with positional parameters {@code ?1, ?2, ...}. */
    public static long count(String hql, Object... parameters) {
        return single(hql, Long.class, parameters);
    }

    /** Runs an HQL query for one value (null when no row) with positional parameters {@code ?1, ?2, ...}. */
    public static <T> T single(String hql, Class<T> type, Object... parameters) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .chain(session -> {
                        var query = session.createSelectionQuery(hql, type);
                        for (int i = 0; i < parameters.length; i++) {
                            query.setParameter(i + 1, parameters[i]);
                        }
                        return query.getSingleResultOrNull();
                    })));
        } catch (Throwable e) {
            throw new IllegalStateException("query failed: " + hql, e);
        }
    }

    /** Runs a native SQL {@code select count(*)} (for tables without an entity) with parameters {@code ?1, ?2, ...}. */
    public static long countSql(String sql, Object... parameters) {
        try {
            Object count = VertxContextSupport.<Object>subscribeAndAwait(() -> Panache.withSession(() -> Panache.getSession()
                    .chain(session -> {
                        var query = session.<Object>createNativeQuery(sql);
                        for (int i = 0; i < parameters.length; i++) {
                            query.setParameter(i + 1, parameters[i]);
                        }
                        return query.getSingleResult();
                    })));
            return ((Number) count).longValue();
        } catch (Throwable e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /**
     * Runs a native SQL statement that changes rows, in a transaction of its own, with parameters
     * {@code ?1, ?2, ...}: a change made behind the service's back (as another replica would make
     * it). Returns the number of rows changed.
     */
    public static int update(String sql, Object... parameters) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(session -> {
                        var query = session.createNativeQuery(sql);
                        for (int i = 0; i < parameters.length; i++) {
                            query.setParameter(i + 1, parameters[i]);
                        }
                        return query.executeUpdate();
                    })));
        } catch (Throwable e) {
            throw new IllegalStateException("statement failed: " + sql, e);
        }
    }
}
