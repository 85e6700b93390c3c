package io.vtp.course.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.vtp.course.rest.dto.RosterResponse;
import io.vtp.course.service.RosterLine;
import io.vtp.kit.problem.ApiException;
import io.vtp.kit.problem.CommonProblem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The roster as CSV, both ways: reading an import (a column of e-mail addresses, with or without a
 * header row) and writing the enrolment list for spreadsheets (cells a spreadsheet would run as a
 * formula are prefixed with an apostrophe).
 */
final class RosterCsv {

    private static final CsvMapper CSV = new CsvMapper();

    private RosterCsv() {
    }

    /**
     * Reads one address per row: from the column headed {@code email} (or {@code e-mail}) when the
     * first row has one, else from the first column. Blank rows are skipped (and counted as lines).
     */
    static List<RosterLine> read(String body) {
        if (body == null || body.isBlank()) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "the CSV body holds no addresses");
        }
        if (body.indexOf('\u0000') >= 0) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "the body is not CSV text");
        }
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(body)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        } catch (JsonProcessingException e) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "the body is not valid CSV (line "
                    + e.getLocation().getLineNr() + ")");
        } catch (IOException | RuntimeException e) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "the body is not valid CSV");
        }
        int column = 0;
        int first = 0;
        if (!rows.isEmpty()) {
            List<String> header = rows.get(0);
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).trim().toLowerCase(Locale.ROOT);
                if (name.equals("email") || name.equals("e-mail") || name.equals("email_address")) {
                    column = i;
                    first = 1;
                    break;
                }
            }
        }
        List<RosterLine> lines = new ArrayList<>();
        for (int i = first; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            lines.add(new RosterLine(i + 1, row.size() > column ? row.get(column).trim() : ""));
        }
        if (lines.isEmpty()) {
            throw new ApiException(CommonProblem.MALFORMED_REQUEST, "the CSV body holds no addresses");
        }
        return lines;
    }

    /** The enrolment list as CSV with a header row. */
    static String write(List<RosterResponse.Entry> entries) {
        CsvSchema schema = CsvSchema.builder()
                .addColumn("student_id").addColumn("email").addColumn("full_name").addColumn("active")
                .addColumn("enrollment_date").addColumn("enrolled_by").addColumn("status")
                .setUseHeader(true).build();
        List<List<String>> rows = entries.stream().map(e -> List.of(
                String.valueOf(e.studentId()), cell(e.email()), cell(e.fullName()),
                e.active() == null ? "" : String.valueOf(e.active()), String.valueOf(e.enrollmentDate()),
                e.enrolledBy() == null ? "" : e.enrolledBy().toString(), e.status())).toList();
        try {
            return CSV.writer(schema).with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the roster as CSV", e);
        }
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }
}
