package dev.strongroom.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** `strongroom unlock`: Unlock a locked store with the key-encryption key. */
@Command(
    name = "unlock",
    mixinStandardHelpOptions = true,
    description = "Unlock a locked store with the key-encryption key.")
final class UnlockCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotYetAvailable.error("unlock");
  }
}
