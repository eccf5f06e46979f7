package io.tokenfleet.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `convert` on broken input through the CLI (TraceConverterTest covers the converter's messages;
 * ConvertCommandTest covers a truncated gzip and an unknown header): one stderr line, exit != 0,
 * no output file.
 */
class HostileConvertTest {
  @TempDir
  Path dir;

  private String fails(Path input, String... extra) {
    Path out = dir.resolve("out.parquet");
    String[] args = new String[3 + extra.length + 1];
    args[0] = "convert";
    args[1] = input.toString();
    args[2] = "--out";
    args[3] = out.toString();
    System.arraycopy(extra, 0, args, 4, extra.length);
    FleetCli r = FleetCli.run(args);
    assertTrue(r.exitCode() != 0, "exit code " + r.exitCode());
    assertEquals(1, r.errLines().size(), r.err());
    String line = r.errLines().get(0);
    assertTrue(line.startsWith("tokenfleet: "), line);
    assertFalse(line.contains("Exception") || line.contains(".java:"), line);
    assertFalse(Files.exists(out), "no output written");
    return line;
  }

  @Test
  void gzipWithGarbageInsideTheStream() throws Exception {
    Path in = dir.resolve("bad.csv.gz");
    byte[] good;
    try (var bytes = new java.io.ByteArrayOutputStream(); OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write("prompt_tokens,output_tokens\n10,5\n".repeat(200).getBytes(StandardCharsets.UTF_8));
      gz.close();
      good = bytes.toByteArray();
    }
    byte[] corrupt = Arrays.copyOf(good, good.length);
    for (int i = 12; i < corrupt.length - 12; i++) {
      corrupt[i] ^= 0x5A; // gzip header intact, deflate stream and CRC mangled
    }
    Files.write(in, corrupt);
    String line = fails(in);
    assertTrue(line.contains("gzip") || line.contains("bad.csv.gz"), line);
  }

  @Test
  void headerOnlyAndEmptyFiles() throws Exception {
    Path header = Files.writeString(dir.resolve("header.csv"), "prompt_tokens,output_tokens\n");
    assertTrue(fails(header).endsWith("has a header but no data rows; nothing to convert"));
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    assertTrue(fails(empty).endsWith("file is empty (no header)"));
  }

  @Test
  void wrongColumnTypesRejectEveryRow() throws Exception {
    Path in = Files.writeString(dir.resolve("types.csv"), "prompt_tokens,output_tokens\nten,5\n3.5,x\ntrue,1e400\n");
    String line = fails(in);
    assertTrue(line.contains("all 3 data rows were rejected"), line);
  }

  @Test
  void binaryGarbageAndMissingInput() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 1, 2, 3};
    Path in = Files.write(dir.resolve("image.csv"), png);
    fails(in);
    String missing = fails(dir.resolve("nope.csv"));
    assertTrue(missing.endsWith("nope.csv: no such file"), missing);
  }
}
