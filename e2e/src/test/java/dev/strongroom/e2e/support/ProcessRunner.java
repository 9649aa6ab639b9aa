package dev.strongroom.e2e.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a short-lived command to completion and returns its output, or fails with it. */
final class ProcessRunner {
  private static final long TIMEOUT_SECONDS = 120;

  private ProcessRunner() {}

  static String run(ProcessBuilder builder, String input) {
    try {
      Process process = builder.redirectErrorStream(true).start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(builder.command() + " timed out");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            builder.command() + " exited " + process.exitValue() + ":\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
