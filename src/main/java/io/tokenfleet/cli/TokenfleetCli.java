package io.tokenfleet.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code jobs/tokenfleet <command> ...}. */
@Command(
    name = "tokenfleet",
    mixinStandardHelpOptions = true,
    version = "tokenfleet 0.1.0",
    description = "What does serving this traffic with these LLMs cost?",
    subcommands = {CommandLine.HelpCommand.class, EstimateCommand.class, CalibrateCommand.class,
        ConvertCommand.class, GenerateCommand.class, FleetCostCommand.class, PlanCommand.class})
public final class TokenfleetCli implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code (tests call this instead of main). */
  public static int run(String... args) {
    return CliErrors.configure(new CommandLine(new TokenfleetCli())).execute(args);
  }

  /** Runs the CLI writing to {@code out} and {@code err} (flushed on return); returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cmd = CliErrors.configure(new CommandLine(new TokenfleetCli()));
    cmd.setOut(out);
    cmd.setErr(err);
    try {
      return cmd.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
