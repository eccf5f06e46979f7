package io.tokenfleet.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's output directory on any Hadoop file system. A run writes {@code _STARTED} first and a
 * top-level {@code _SUCCESS} last, so a job killed part-way never leaves output that looks complete
 * and its directory is recognisably incomplete; a directory that already holds anything (complete
 * or not) is refused unless overwriting.
 */
public final class OutputDirectory {
  public static final String SUCCESS_MARKER = "_SUCCESS";
  /** Written first: a directory with it but without _SUCCESS is a run that did not finish. */
  public static final String STARTED_MARKER = "_STARTED";

  private final FileSystem fs;
  private final Path root;

  private OutputDirectory(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /**
   * Checks {@code location} before any work and empties it when {@code overwrite}.
   *
   * @throws JobSetupException (one line) when it holds results or an incomplete run and overwrite is off
   */
  public static OutputDirectory prepare(Configuration hadoop, String location, boolean overwrite) {
    try {
      Path root = new Path(location);
      FileSystem fs = root.getFileSystem(hadoop);
      if (fs.exists(root)) {
        FileStatus status = fs.getFileStatus(root);
        if (!status.isDirectory()) {
          throw new JobSetupException("output path " + location + " is a file, not a directory");
        }
        FileStatus[] children = fs.listStatus(root);
        if (children.length > 0) {
          if (!overwrite) {
            boolean complete = fs.exists(new Path(root, SUCCESS_MARKER));
            throw new JobSetupException("output directory " + location + (complete
                ? " already has results" : " holds an incomplete run (no _SUCCESS)") + "; pass --overwrite to replace it");
          }
          for (FileStatus child : children) {
            fs.delete(child.getPath(), true);
          }
        }
      }
      fs.mkdirs(root);
      OutputDirectory out = new OutputDirectory(fs, root);
      out.writeText(STARTED_MARKER, "");
      return out;
    } catch (IOException e) {
      throw new JobSetupException("cannot prepare output directory " + location + ": " + e.getMessage());
    }
  }

  /** Fully qualified path of a child, for Spark writers. */
  public String child(String name) {
    return new Path(root, name).toString();
  }

  /** Writes a small UTF-8 text file (driver side). */
  public void writeText(String name, String content) {
    try (OutputStream out = fs.create(new Path(root, name), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + child(name), e);
    }
  }

  /** Marks the result complete; call last. */
  public void markComplete() {
    writeText(SUCCESS_MARKER, "");
  }

  /** True when {@code location} holds a complete result. */
  public static boolean isComplete(Configuration hadoop, String location) {
    try {
      Path root = new Path(location);
      return root.getFileSystem(hadoop).exists(new Path(root, SUCCESS_MARKER));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
