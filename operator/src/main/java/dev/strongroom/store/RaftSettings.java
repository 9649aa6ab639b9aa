package dev.strongroom.store;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Turns a {@link StoreConfig} into Ratis properties and TLS parameters. */
final class RaftSettings {
  static final int SEGMENTS_CACHED = 2;

  private RaftSettings() {}

  static RaftProperties properties(StoreConfig config, PeerAddress self, Path storageDir) {
    StoreTuning t = config.tuning();
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(storageDir.toFile()));
    if (config.transport() == StoreConfig.Transport.NETTY) {
      RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
      NettyConfigKeys.Server.setHost(p, self.host());
      NettyConfigKeys.Server.setPort(p, self.port());
    } else {
      RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
      GrpcConfigKeys.Server.setHost(p, self.host());
      GrpcConfigKeys.Server.setPort(p, self.port());
      GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(t.appenderBufferBytes() + (1 << 20)));
    }
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(t.segmentSizeBytes()));
    // Ratis keeps the entries of the newest segments, up to this many, on the heap.
    // Its default (6 segments, of 32 MiB before StoreTuning made them 2 MiB) kept every entry of a
    // run alive, so each young collection copied all recent writes: with 2 of 2 MiB the live heap
    // after a young collection went from 240-300 to 70-120 MiB and GC pauses from 390-480 to
    // 260-310 ms per 10 s at concurrency 64 (p99 24-33 to 21-24 ms; README, the store). Older
    // entries are read from disk, which only a lagging follower needs.
    RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, SEGMENTS_CACHED);
    RaftServerConfigKeys.Log.setPreallocatedSize(
        p, SizeInBytes.valueOf(Math.min(t.segmentSizeBytes(), 4 << 20)));
    // Ratis requires the write buffer to hold a full appender batch; both hold the largest value.
    int appender = Math.max(t.appenderBufferBytes(), SecretValue.MAX_BYTES + (64 << 10));
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(appender));
    RaftServerConfigKeys.Log.setWriteBufferSize(
        p, SizeInBytes.valueOf(Math.max(t.writeBufferBytes(), appender + 8)));
    RaftServerConfigKeys.Log.setForceSyncNum(p, t.forceSyncNum());
    RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, t.asyncFlush());
    RaftServerConfigKeys.Log.Appender.setBufferElementLimit(p, t.appenderElementLimit());
    // Ratis waits 1 ms after each append before the next; with one batch in flight that wait is
    // pure latency (measured: 2,700 to 3,350 writes/s at concurrency 16, 251 to 279 at 1).
    RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.ZERO);
    // Ratis by default appends a metadata entry (the commit index) to the log after each commit:
    // a second fsync and a second replication round per write on every peer, on the same serial
    // log worker and appender as the next write (measured in one process, 3 peers: concurrency 1
    // 179 to 251 writes/s, p50 4.9 to 3.2 ms; concurrency 16 1,840 to 2,795 writes/s, p99 25.6
    // to 20.2 ms). What it buys, applying committed entries on a peer restarted without a
    // majority, the store does not use: it serves nothing without a leader, and an elected leader
    // commits, so every peer applies, everything the log holds.
    RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
    RaftServerConfigKeys.Log.Appender.setSnapshotChunkSizeMax(p, SizeInBytes.valueOf(1 << 20));
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, t.purgeGap());
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, t.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setCreationGap(p, 1);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(t.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(t.electionTimeoutMax()));
    // A peer that has just started campaigns after a tenth to a fifth of that, as etcd advances
    // its election ticks on boot: a restarted one-peer store otherwise sat 1 to 2 s without a
    // leader before it could unlock (measured: unlock 1.6 to 1.9 s after a restart). Pre-vote
    // (Ratis' default) keeps an early campaign from disturbing a group that already has a leader.
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(
        p, duration(t.electionTimeoutMin().dividedBy(10)));
    RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(
        p, duration(t.electionTimeoutMin().dividedBy(5)));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, duration(t.requestTimeout()));
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(t.requestTimeout()));
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, 1024);
    t.raftOverrides().forEach(p::set);
    return p;
  }

  static RetryPolicy retryPolicy(StoreTuning t) {
    return RetryPolicies.retryUpToMaximumCountWithFixedSleep(
        t.clientRetries(), TimeDuration.valueOf(250, TimeUnit.MILLISECONDS));
  }

  static Parameters parameters(StoreConfig config) {
    Parameters parameters = new Parameters();
    PeerTlsFiles files = config.peerTls();
    if (files != null) {
      GrpcTlsConfig tls =
          new GrpcTlsConfig(
              files.privateKey().toFile(),
              files.certificate().toFile(),
              files.trustedCa().toFile(),
              true);
      GrpcConfigKeys.TLS.setConf(parameters, tls);
      GrpcConfigKeys.Server.setTlsConf(parameters, tls);
      GrpcConfigKeys.Client.setTlsConf(parameters, tls);
      GrpcConfigKeys.Admin.setTlsConf(parameters, tls);
    }
    return parameters;
  }

  private static TimeDuration duration(java.time.Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }
}
