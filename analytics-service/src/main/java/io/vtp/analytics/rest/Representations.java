package io.vtp.analytics.rest;

import io.smallrye.mutiny.Uni;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;

/**
 * Content negotiation of the reports: JSON by default, CSV when the client's Accept header prefers
 * {@code text/csv}; 406 problem when it accepts neither.
 */
final class Representations {

    static final String TEXT_CSV = "text/csv";

    private Representations() {
    }

    /** Throws 406 for an Accept header that allows neither JSON nor CSV; true when CSV is preferred. */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if ("text".equals(type.getType()) && "csv".equals(type.getSubtype())) {
                return true;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
        }
        throw new ApiException(CommonProblem.NOT_ACCEPTABLE, "reports are available as application/json and text/csv");
    }

    /** The report as JSON, or as the CSV {@code table} makes of it. */
    static <T> Uni<Response> respond(HttpHeaders headers, Uni<T> report, Function<T, CsvTable> table, String name) {
        boolean csv = wantsCsv(headers);
        return report.map(r -> csv
                ? Response.ok(table.apply(r).write(), TEXT_CSV + "; charset=UTF-8")
                        .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build()
                : Response.ok(r, MediaType.APPLICATION_JSON).build());
    }
}
