package io.tokenfleet.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a report map as an aligned, readable table: one line per key with the value in
 * engineering notation (exponent a multiple of 3, 4 significant digits: 124.4e6, 116.0e9) and exactly (digits with
 * thousands separators). A value at or above 2^53 is computed in double precision and may differ
 * from the true integer in its last digits, so its exact column starts with {@code ~}. A list of
 * maps (Kaplan rows) becomes a sub-table with one column per key. Generic over the map, so new
 * keys need no change here.
 */
final class EstimateTable {
  private EstimateTable() {}

  static String render(Map<String, ?> report) {
    List<String[]> lines = new ArrayList<>();
    List<String> subTables = new ArrayList<>();
    for (Map.Entry<String, ?> e : report.entrySet()) {
      Object v = e.getValue();
      if (v instanceof List<?> list) {
        subTables.add(e.getKey() + ":\n" + renderRows(list));
      } else if (v instanceof Number n) {
        lines.add(new String[] {e.getKey(), engineering(n.doubleValue()), exact(n)});
      } else {
        lines.add(new String[] {e.getKey(), String.valueOf(v), ""});
      }
    }
    StringBuilder sb = new StringBuilder(aligned(lines, new boolean[] {false, true, true}));
    for (String t : subTables) {
      sb.append('\n').append(t);
    }
    return sb.toString();
  }

  // Each numeric column becomes two: engineering notation, then the exact digits.
  private static String renderRows(List<?> rows) {
    List<String[]> lines = new ArrayList<>();
    List<Boolean> rightAligned = new ArrayList<>();
    for (Object row : rows) {
      if (!(row instanceof Map<?, ?> map)) {
        lines.add(new String[] {String.valueOf(row)});
        continue;
      }
      List<String> cells = new ArrayList<>();
      List<String> header = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (e.getValue() instanceof Number n) {
          cells.add(engineering(n.doubleValue()));
          cells.add(exact(n));
          header.add(String.valueOf(e.getKey()));
          header.add("(exact)");
        } else {
          cells.add(String.valueOf(e.getValue()));
          header.add(String.valueOf(e.getKey()));
        }
      }
      if (lines.isEmpty()) {
        lines.add(header.toArray(new String[0]));
        for (int i = 0; i < header.size(); i++) {
          rightAligned.add(header.get(i).equals("(exact)") || i + 1 < header.size() && header.get(i + 1).equals("(exact)"));
        }
      }
      lines.add(cells.toArray(new String[0]));
    }
    boolean[] right = new boolean[rightAligned.size()];
    for (int i = 0; i < right.length; i++) {
      right[i] = rightAligned.get(i);
    }
    return aligned(lines, right);
  }

  /** 4 significant digits with an exponent that is a multiple of 3: 124.4e6, 6.738e9; plain below 1000. */
  static String engineering(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    double abs = Math.abs(v);
    if (abs < 1000) {
      return abs == Math.rint(abs) ? String.valueOf((long) v)
          : new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1; // floor(log10|v|) after rounding
    int exponent3 = Math.floorDiv(exponent, 3) * 3;
    BigDecimal mantissa = rounded.movePointLeft(exponent3);
    return mantissa.toPlainString() + "e" + exponent3;
  }

  /** All digits with thousands separators; {@code ~} marks doubles at or above 2^53. */
  static String exact(Number n) {
    if (n instanceof Long || n instanceof Integer) {
      return String.format(Locale.ROOT, "%,d", n.longValue());
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (v == Math.rint(v)) {
      String digits = String.format(Locale.ROOT, "%,d", new BigDecimal(v).toBigIntegerExact());
      return Math.abs(v) < JsonOutput.EXACT_INTEGER_LIMIT ? digits : "~" + digits;
    }
    return new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
  }

  private static String aligned(List<String[]> lines, boolean[] rightAligned) {
    int columns = lines.stream().mapToInt(l -> l.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i] == null ? 0 : l[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] l : lines) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < l.length; i++) {
        String cell = l[i] == null ? "" : l[i];
        boolean right = i < rightAligned.length && rightAligned[i];
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? "" : "  ").append(right ? pad + cell : cell + pad);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
