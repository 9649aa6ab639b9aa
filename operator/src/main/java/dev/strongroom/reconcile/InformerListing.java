package dev.strongroom.reconcile;

import io.javaoperatorsdk.operator.OperatorException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether a controller's informer has listed its objects, for another controller that reads its
 * store: the informer's store cannot tell (a relist looks like the first list), its controller's
 * start can.
 */
final class InformerListing {
  private final String kind;
  private final CompletableFuture<Void> listed = new CompletableFuture<>();

  /** The listing of the informer of {@code kind} (its objects' kind, for messages). */
  InformerListing(String kind) {
    this.kind = kind;
  }

  /** The informer has listed its objects; its store holds them. */
  void listed() {
    listed.complete(null);
  }

  /** The informer's controller stopped before its informer listed: no one waits in vain. */
  void abandoned() {
    listed.completeExceptionally(
        new OperatorException("the " + kind + " controller stopped before its informer listed"));
  }

  /** Waits up to {@code timeout} for {@link #listed}; fails if it does not come. */
  void await(Duration timeout) {
    try {
      listed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new OperatorException(
          "the "
              + kind
              + " informer did not list its objects within "
              + timeout.toMillis()
              + " ms");
    } catch (ExecutionException e) {
      throw new OperatorException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperatorException("interrupted while waiting for the " + kind + " informer", e);
    }
  }
}
