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
 * <p>Three steps, so that a job which fails on its input loses nothing, even under {@code --overwrite}:
 * <ol>
 *   <li>{@link #prepare}: checks only; nothing is created or deleted.
 *   <li>{@link #markStarted} (after the input checks, before the long pass): the claim. An old
 *       {@code _SUCCESS} is renamed to {@value #REPLACED_SUCCESS} first, so from here on the directory
 *       never looks complete, then {@code _STARTED} is written. The old result's files stay.
 *   <li>The first output ({@link #child} or {@link #writeText}, once the job's aggregation has
 *       succeeded): the old contents are deleted, the claim kept, and the new files written.
 * </ol>
 * A job that fails between 2 and 3 calls {@link #abandon}, which undoes the claim: the directory is as
 * it was, old {@code _SUCCESS} included. A job killed between 2 and 3 leaves the old files, no
 * {@code _SUCCESS} and {@code _STARTED}: refused as an incomplete run until {@code --overwrite}.
 */
public final class OutputDirectory {
  public static final String SUCCESS_MARKER = "_SUCCESS";
  /**
   * Written once the inputs are checked, before the long work: a directory holding it but no
   * {@code _SUCCESS} is a run that did not finish, refused until {@code --overwrite}.
   */
  public static final String STARTED_MARKER = "_STARTED";
  /** An old result's {@code _SUCCESS} while a new run that claimed the directory has not yet written output. */
  public static final String REPLACED_SUCCESS = "_SUCCESS.replaced";

  private final FileSystem fs;
  private final Path root;
  private final String location;
  private final boolean existedBefore;
  private final boolean hadStarted;
  private boolean claimed;
  private boolean hadSuccess;
  private boolean cleared;

  private OutputDirectory(FileSystem fs, Path root, String location, boolean existedBefore, boolean hadStarted) {
    this.fs = fs;
    this.root = root;
    this.location = location;
    this.existedBefore = existedBefore;
    this.hadStarted = hadStarted;
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
      boolean exists = fs.exists(root);
      if (exists) {
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
      return new OutputDirectory(fs, root, location, exists, exists && fs.exists(new Path(root, STARTED_MARKER)));
    } catch (IOException e) {
      throw new JobSetupException("cannot prepare output directory " + location + ": " + e.getMessage());
    }
  }

  /**
   * True when {@code location} holds a finished tokenfleet result of the job that writes {@code resultFile}
   * (a top-level {@code _SUCCESS} next to it), or what a killed tokenfleet run left ({@code _STARTED}
   * without {@code _SUCCESS}): contents the tool itself wrote, as opposed to anything else a user keeps there.
   */
  public static boolean holdsOwnRun(Configuration hadoop, String location, String resultFile) {
    try {
      Path root = new Path(location);
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
        return false;
      }
      boolean complete = fs.exists(new Path(root, SUCCESS_MARKER));
      return complete ? fs.exists(new Path(root, resultFile)) : fs.exists(new Path(root, STARTED_MARKER));
    } catch (IOException e) {
      return false;
    }
  }

  /** Creates the directory, takes an old result's _SUCCESS out of the way and writes the claim, once. */
  private void claim() {
    if (claimed) {
      return;
    }
    try {
      fs.mkdirs(root);
      Path success = new Path(root, SUCCESS_MARKER);
      if (fs.exists(success)) {
        Path replaced = new Path(root, REPLACED_SUCCESS);
        fs.delete(replaced, false);
        if (!fs.rename(success, replaced)) {
          throw new IOException("cannot rename " + success + " to " + replaced);
        }
        hadSuccess = true;
      }
      create(STARTED_MARKER, "");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim output directory " + location, e);
    }
    claimed = true;
  }

  /** Before the first real output: claims if not yet done, then deletes the old contents except the claim. */
  private void beginOutput() {
    claim();
    if (cleared) {
      return;
    }
    try {
      for (FileStatus child : fs.listStatus(root)) {
        if (!isClaim(child.getPath().getName())) {
          fs.delete(child.getPath(), true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty output directory " + location, e);
    }
    cleared = true;
  }

  private static boolean isClaim(String name) {
    return name.equals(STARTED_MARKER) || name.equals("." + STARTED_MARKER + ".crc");
  }

  /** Fully qualified path of a child, for Spark writers; the first call replaces the old contents. */
  public String child(String name) {
    beginOutput();
    return new Path(root, name).toString();
  }

  /** Writes a small UTF-8 text file (driver side); the first output replaces the old contents. */
  public void writeText(String name, String content) {
    beginOutput();
    try {
      create(name, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + new Path(root, name), e);
    }
  }

  private void create(String name, String content) throws IOException {
    try (OutputStream out = fs.create(new Path(root, name), true)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Claims the directory; call after the inputs are checked. An old result stays (without its
   * {@code _SUCCESS}) until the first output.
   */
  public void markStarted() {
    claim();
  }

  /**
   * After a failure: when the run wrote no output yet, undoes the claim (restores an old result's
   * {@code _SUCCESS}, removes {@code _STARTED} unless it was there before, removes the directory when
   * the run created it), so the location is as the run found it. Once output was written the
   * directory is left incomplete and recognisable as such. A run killed outright cannot do this;
   * its {@code _STARTED} stays and the directory is refused until --overwrite.
   */
  public void abandon() {
    if (!claimed || cleared) {
      return;
    }
    try {
      if (!hadStarted) {
        fs.delete(new Path(root, STARTED_MARKER), false);
      }
      if (hadSuccess) {
        fs.rename(new Path(root, REPLACED_SUCCESS), new Path(root, SUCCESS_MARKER));
      }
      if (!existedBefore && fs.listStatus(root).length == 0) {
        fs.delete(root, false);
      }
    } catch (IOException e) {
      // best effort: without _SUCCESS the directory stays refused, which is safe
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
