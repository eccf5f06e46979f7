package io.tokenfleet.cli;

import picocli.CommandLine;

/**
 * One-line errors instead of stack traces: bad arguments exit 2, bad input or scenario exits 1.
 * Set {@code TOKENFLEET_DEBUG=1} to see the stack trace.
 */
final class CliErrors {
  private CliErrors() {}

  static CommandLine configure(CommandLine cmd) {
    cmd.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("tokenfleet: " + firstLine(ex.getMessage()) + " (see '"
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return 2;
    });
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (System.getenv("TOKENFLEET_DEBUG") != null) {
        ex.printStackTrace(commandLine.getErr());
      }
      String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
      commandLine.getErr().println("tokenfleet: " + firstLine(message));
      return ex instanceof IllegalArgumentException || ex instanceof UserError ? 2 : 1;
    });
    return cmd;
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
