package io.tokenfleet.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code jobs/tokenfleet <command> ...}. */
@Command(
    name = "tokenfleet",
    mixinStandardHelpOptions = true,
    version = "tokenfleet 0.1.0",
    description = "What does serving this traffic with these LLMs cost?",
    subcommands = {CommandLine.HelpCommand.class, ConvertCommand.class, GenerateCommand.class})
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
}
