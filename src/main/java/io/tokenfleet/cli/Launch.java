package io.tokenfleet.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** Where the launcher was started from: default paths resolve against the working directory, then the checkout. */
final class Launch {
  private Launch() {}

  /** Each relative local path that does not exist here is looked up under $TOKENFLEET_HOME. */
  static List<String> resolveDefaults(List<String> paths) {
    String home = System.getenv("TOKENFLEET_HOME");
    List<String> result = new ArrayList<>();
    for (String p : paths) {
      boolean local = !p.contains("://");
      if (local && home != null && !Paths.get(p).isAbsolute() && !Files.exists(Paths.get(p))
          && Files.exists(Path.of(home, p))) {
        result.add(Path.of(home, p).toString());
      } else {
        result.add(p);
      }
    }
    return result;
  }
}
