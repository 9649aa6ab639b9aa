package dev.strongroom.agent;

import dev.strongroom.delivery.DeliveryFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

/**
 * {@code strongroom agent}: fetches this pod's granted secrets and writes them, retrying transient
 * failures with capped exponential backoff and jitter until the deadline.
 */
public final class Agent {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final AgentOptions options;
  private final SecureRandom random;
  private final LongSupplier nanoTime;
  private final boolean chown;

  public Agent(AgentOptions options, SecureRandom random, LongSupplier nanoTime, boolean chown) {
    this.options = options;
    this.random = random;
    this.nanoTime = nanoTime;
    this.chown = chown;
  }

  /**
   * {@code java -jar strongroom-agent.jar --dir ...}: the jar rendered pods run (AgentSettings).
   */
  public static void main(String[] args) {
    System.exit(main(args, System.err));
  }

  /**
   * The process entry point, kept free of picocli and Fabric8 so the init container starts fast: 0
   * on success, 1 on a permanent failure (one line on {@code err}), 2 on a usage error.
   */
  public static int main(String[] args, PrintStream err) {
    AgentOptions options;
    try {
      options = AgentOptions.parse(args);
    } catch (AgentException e) {
      err.println("strongroom agent: " + e.getMessage());
      return 2;
    }
    if (options.help()) {
      err.print(AgentOptions.USAGE);
      return 0;
    }
    try {
      int count =
          new Agent(options, new SecureRandom(), new MonotonicClock(), SecretFiles.runningAsRoot())
              .run();
      err.println("strongroom agent: wrote " + count + " secret file(s) to " + options.dir());
      return 0;
    } catch (AgentException e) {
      err.println("strongroom agent: " + e.getMessage());
      return 1;
    }
  }

  /** Fetches and writes; returns the number of files written or throws {@link AgentException}. */
  public int run() {
    long deadline = nanoTime.getAsLong() + options.deadline().toNanos();
    SSLContext tls = DeliveryClient.trusting(options.caFile());
    // Every HttpsURLConnection asks for the default factory when it is created, and building that
    // default loads the JDK's whole CA store: 33 ms of every pod's start. This process trusts only
    // the given CAs anyway.
    HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
    DeliveryClient client = new DeliveryClient(options.server(), tls, REQUEST_TIMEOUT);
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      try {
        List<DeliveryFormat.File> files = client.fetch(readToken(options.tokenFile()));
        try {
          new SecretFiles(options.dir(), chown, random).writeAll(files);
          return files.size();
        } finally {
          for (DeliveryFormat.File file : files) {
            file.close();
          }
        }
      } catch (TransientFailureException e) {
        Duration wait = max(e.retryAfter(), jittered(backoff));
        long left = deadline - nanoTime.getAsLong();
        if (left <= wait.toNanos()) {
          throw new AgentException(
              "gave up after " + options.deadline().toSeconds() + "s: " + e.getMessage());
        }
        sleep(wait);
        backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
      }
    }
  }

  /** System.nanoTime without a method reference: a lambda's bootstrap costs start time. */
  private static final class MonotonicClock implements LongSupplier {
    @Override
    public long getAsLong() {
      return System.nanoTime();
    }
  }

  private static String readToken(Path file) {
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (token.isEmpty()) {
        throw new AgentException("token file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new AgentException(
          "cannot read token file " + file + ": " + DeliveryClient.describe(e), e);
    }
  }

  /** Between half and all of {@code backoff}, so a burst of agents spreads out. */
  private Duration jittered(Duration backoff) {
    long millis = backoff.toMillis();
    return Duration.ofMillis(millis / 2 + random.nextInt((int) (millis / 2) + 1));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AgentException("interrupted");
    }
  }
}
