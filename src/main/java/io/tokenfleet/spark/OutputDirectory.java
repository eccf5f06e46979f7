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
 * A job's output directory on any Hadoop file system. A complete result ends with a top-level
 * {@code _SUCCESS} written last, so a job killed part-way never leaves output that looks complete;
 * a directory that already holds anything (complete or not) is refused unless overwriting.
 *
 * <p>Nothing is created or deleted until the job asks for its first output path ({@link #child} or
 * {@link #writeText}): a job that fails while checking its input leaves the location as it was, and
 * {@code --overwrite} with a bad trace does not destroy the previous result. When the old contents
 * are replaced, the old {@code _SUCCESS} goes first, so an interrupted replacement never looks complete.
 */
public final class OutputDirectory {
  public static final String SUCCESS_MARKER = "_SUCCESS";
  /**
   * Written once the inputs are checked, before the long work: a directory holding it but no
   * {@code _SUCCESS} is a run that did not finish, refused until {@code --overwrite}.
   */
  public static final String STARTED_MARKER = "_STARTED";

  private final FileSystem fs;
  private final Path root;
  private final String location;
  private boolean ready;
  private boolean existedBefore;

  private OutputDirectory(FileSystem fs, Path root, String location) {
    this.fs = fs;
    this.root = root;
    this.location = location;
  }

  /**
   * Checks {@code location} before any work; its old contents (allowed only with {@code overwrite})
   * are removed when the first output is written.
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
        if (children.length > 0 && !overwrite) {
          boolean complete = fs.exists(new Path(root, SUCCESS_MARKER));
          throw new JobSetupException("output directory " + location + (complete
              ? " already has results" : " holds an incomplete run (no _SUCCESS)") + "; pass --overwrite to replace it");
        }
      }
      OutputDirectory out = new OutputDirectory(fs, root, location);
      out.existedBefore = fs.exists(root);
      return out;
    } catch (IOException e) {
      throw new JobSetupException("cannot prepare output directory " + location + ": " + e.getMessage());
    }
  }

  /** Empties (overwrite was checked by prepare) and creates the directory, once, before the first output. */
  private void ready() {
    if (ready) {
      return;
    }
    try {
      if (fs.exists(root)) {
        fs.delete(new Path(root, SUCCESS_MARKER), false);
        for (FileStatus child : fs.listStatus(root)) {
          fs.delete(child.getPath(), true);
        }
      }
      fs.mkdirs(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty output directory " + location, e);
    }
    ready = true;
  }

  /** Fully qualified path of a child, for Spark writers; the first call empties and creates the directory. */
  public String child(String name) {
    ready();
    return new Path(root, name).toString();
  }

  /** Writes a small UTF-8 text file (driver side); the first output empties and creates the directory. */
  public void writeText(String name, String content) {
    ready();
    try (OutputStream out = fs.create(new Path(root, name), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + child(name), e);
    }
  }

  /** Claims the directory (emptying it under --overwrite); call after the inputs are checked. */
  public void markStarted() {
    writeText(STARTED_MARKER, "");
  }

  /**
   * After a failure: removes this run's claim when it wrote nothing else, and the directory when
   * the run created it, so a job that failed on its input leaves the location as it found it
   * (under --overwrite the replaced contents are gone). A run killed outright cannot do this; its
   * {@code _STARTED} stays and the directory is refused until --overwrite.
   */
  public void abandon() {
    if (!ready) {
      return;
    }
    try {
      for (FileStatus child : fs.listStatus(root)) {
        String name = child.getPath().getName();
        if (!name.equals(STARTED_MARKER) && !name.equals("." + STARTED_MARKER + ".crc")) {
          return; // the run wrote output: leave it, incomplete and recognisable as such
        }
      }
      fs.delete(new Path(root, STARTED_MARKER), false);
      fs.delete(new Path(root, "." + STARTED_MARKER + ".crc"), false);
      if (!existedBefore && fs.listStatus(root).length == 0) {
        fs.delete(root, false);
      }
    } catch (IOException e) {
      // best effort: the directory stays refused, which is safe
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
