package io.tokenfleet.trace;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test traces under src/test/resources/traces (shared/traces whole, gzipped, their heads, and hand-written files). */
final class Fixtures {
  private Fixtures() {}

  static Path trace(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/traces/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test fixture /traces/" + name, e);
    }
  }
}
