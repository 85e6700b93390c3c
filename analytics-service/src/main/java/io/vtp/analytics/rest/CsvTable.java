package io.vtp.analytics.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as CSV for spreadsheets: a header row, then one row per line of the report. Numbers are
 * written as they are; text a spreadsheet would run as a formula (starting with = + - @ tab or CR)
 * is prefixed with an apostrophe; absent values are empty cells.
 */
final class CsvTable {

    private static final CsvMapper CSV = new CsvMapper();

    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    CsvTable(String... columns) {
        this.columns = List.of(columns);
    }

    CsvTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row needs " + columns.size() + " cells");
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell(cell));
        }
        rows.add(row);
        return this;
    }

    String write() {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build()).with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a report as CSV", e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        String text = String.valueOf(value);
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
