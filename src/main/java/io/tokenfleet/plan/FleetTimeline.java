package io.tokenfleet.plan;

import java.util.List;

/** The per-window activity of a fleet: its replicas' {@link ReplicaTimeline}s merged window by window. */
public final class FleetTimeline {
  private FleetTimeline() {}

  /**
   * Windows first..first + count - 1 (absolute indices, floorDiv(ms, windowMillis)), each the
   * merge of the replicas' activity (exact, so in any order); a replica without the window adds
   * nothing. Activity outside the range (a fleet draining after the last arrival's window) is left
   * out.
   */
  public static WindowActivity[] merge(List<ReplicaTimeline> replicas, long first, int count) {
    WindowActivity[] out = new WindowActivity[count];
    java.util.Arrays.fill(out, WindowActivity.IDLE);
    for (ReplicaTimeline r : replicas) {
      for (int slot = 0; slot < r.windows(); slot++) {
        long w = r.firstWindow() + slot - first;
        if (w >= 0 && w < count) {
          out[(int) w] = out[(int) w].plus(r.activity(slot));
        }
      }
    }
    return out;
  }
}
