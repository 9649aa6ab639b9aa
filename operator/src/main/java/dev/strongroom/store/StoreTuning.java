package dev.strongroom.store;

import java.time.Duration;
import java.util.Map;

/**
 * Raft knobs that decide throughput, latency and how soon logs are purged behind snapshots. The
 * defaults are what the benchmark measured best on a 2-core machine (see package docs).
 */
public record StoreTuning(
    int segmentSizeBytes,
    int writeBufferBytes,
    int appenderBufferBytes,
    int appenderElementLimit,
    int forceSyncNum,
    boolean asyncFlush,
    long snapshotThreshold,
    int purgeGap,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    Duration requestTimeout,
    int clientRetries,
    int clients,
    int batchesInFlight,
    Duration batchRefill,
    Map<String, String> raftOverrides) {

  public StoreTuning {
    raftOverrides = Map.copyOf(raftOverrides);
  }

  /**
   * Production defaults: 2 MiB segments (on the heap only while among the few newest: 2 MiB against
   * 8 MiB gave p99 21.6 and 23.9 against 24.1 and 26.2 ms at concurrency 64, alternating),
   * snapshots every 10,000 entries, one write batch in flight (on the 2-core test machine one batch
   * beat two and four: 3,200 vs 1,900 vs 1,100 writes/s at concurrency 64, since Ratis' cost is per
   * entry), and a refill wait of 300 µs after a batch of concurrent writes (2,400 to 2,900-3,700
   * writes/s at concurrency 16 on a quiet machine).
   */
  public static StoreTuning defaults() {
    return new StoreTuning(
        2 << 20,
        1 << 20,
        4 << 20,
        0,
        128,
        false,
        10_000,
        1024,
        Duration.ofMillis(1000),
        Duration.ofMillis(2000),
        Duration.ofSeconds(10),
        60,
        2,
        1,
        Duration.ofNanos(300_000),
        Map.of());
  }

  /** Small segments and snapshot thresholds so tests see snapshots, purges and installs. */
  public static StoreTuning forTests() {
    return defaults().withSnapshots(64, 8, 256 << 10);
  }

  /** These defaults with another snapshot threshold, purge gap and segment size. */
  public StoreTuning withSnapshots(long threshold, int gap, int segmentBytes) {
    Copy c = new Copy(this);
    c.snapshotThreshold = threshold;
    c.purgeGap = gap;
    c.segmentSizeBytes = segmentBytes;
    c.writeBufferBytes = Math.min(writeBufferBytes, segmentBytes);
    return c.build();
  }

  /** These settings plus raw Ratis properties (key=value) applied last, for experiments. */
  public StoreTuning withRaftOverrides(Map<String, String> overrides) {
    Copy c = new Copy(this);
    c.raftOverrides = overrides;
    return c.build();
  }

  /** These settings with another number of write batches in flight (group commit depth). */
  public StoreTuning withBatchesInFlight(int batches) {
    Copy c = new Copy(this);
    c.batchesInFlight = batches;
    return c.build();
  }

  /** These settings with another longest wait for a batch to refill (zero: never wait). */
  public StoreTuning withBatchRefill(Duration refill) {
    Copy c = new Copy(this);
    c.batchRefill = refill;
    return c.build();
  }

  /** These settings with another number of Raft clients (gRPC streams) per store. */
  public StoreTuning withClients(int count) {
    Copy c = new Copy(this);
    c.clients = count;
    return c.build();
  }

  /** These settings with another request timeout and client retry count. */
  public StoreTuning withClientRetries(Duration timeout, int retries) {
    Copy c = new Copy(this);
    c.requestTimeout = timeout;
    c.clientRetries = retries;
    return c.build();
  }

  /** A mutable copy, so each {@code with...} names only what it changes. */
  private static final class Copy {
    private int segmentSizeBytes;
    private int writeBufferBytes;
    private int appenderBufferBytes;
    private int appenderElementLimit;
    private int forceSyncNum;
    private boolean asyncFlush;
    private long snapshotThreshold;
    private int purgeGap;
    private Duration electionTimeoutMin;
    private Duration electionTimeoutMax;
    private Duration requestTimeout;
    private int clientRetries;
    private int clients;
    private int batchesInFlight;
    private Duration batchRefill;
    private Map<String, String> raftOverrides;

    Copy(StoreTuning t) {
      segmentSizeBytes = t.segmentSizeBytes;
      writeBufferBytes = t.writeBufferBytes;
      appenderBufferBytes = t.appenderBufferBytes;
      appenderElementLimit = t.appenderElementLimit;
      forceSyncNum = t.forceSyncNum;
      asyncFlush = t.asyncFlush;
      snapshotThreshold = t.snapshotThreshold;
      purgeGap = t.purgeGap;
      electionTimeoutMin = t.electionTimeoutMin;
      electionTimeoutMax = t.electionTimeoutMax;
      requestTimeout = t.requestTimeout;
      clientRetries = t.clientRetries;
      clients = t.clients;
      batchesInFlight = t.batchesInFlight;
      batchRefill = t.batchRefill;
      raftOverrides = t.raftOverrides;
    }

    StoreTuning build() {
      return new StoreTuning(
          segmentSizeBytes,
          writeBufferBytes,
          appenderBufferBytes,
          appenderElementLimit,
          forceSyncNum,
          asyncFlush,
          snapshotThreshold,
          purgeGap,
          electionTimeoutMin,
          electionTimeoutMax,
          requestTimeout,
          clientRetries,
          clients,
          batchesInFlight,
          batchRefill,
          raftOverrides);
    }
  }
}
