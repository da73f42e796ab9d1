package dev.streamlog.storage.log.bench;

import java.util.ArrayList;
import java.util.List;

/** A table of text cells, rendered with aligned columns for the console or as markdown. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        columns = header.length;
        rows.add(header);
    }

    TextTable row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    /** Columns padded to their widest cell, a rule under the header. */
    String render() {
        int[] widths = widths();
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendLine(out, rows.get(r), widths);
            if (r == 0) {
                appendRule(out, widths);
            }
        }
        return out.toString();
    }

    /** A GitHub-flavoured markdown table. */
    String markdown() {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
            if (r == 0) {
                out.append("|").append("---|".repeat(columns)).append('\n');
            }
        }
        return out.toString();
    }

    private int[] widths() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        out.append("  ");
        for (int c = 0; c < cells.length; c++) {
            out.append(String.format("%-" + widths[c] + "s", cells[c]));
            out.append(c == cells.length - 1 ? "\n" : "  ");
        }
    }

    private static void appendRule(StringBuilder out, int[] widths) {
        out.append("  ");
        for (int c = 0; c < widths.length; c++) {
            out.append("-".repeat(widths[c]));
            out.append(c == widths.length - 1 ? "\n" : "  ");
        }
    }
}
