package dev.strongroom.agent;

import dev.strongroom.delivery.DeliveryFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Writes delivered files atomically: each to a temporary file in the same directory (owner-only
 * until its mode is set), synced, given its owner (when running as root) and mode, then renamed
 * into place; no half-written file is ever visible under its name.
 */
public final class SecretFiles {
  /** The kubelet mounts the service-account token here when /var/run/secrets is /run/secrets. */
  static final String SERVICE_ACCOUNT_DIR = "kubernetes.io/serviceaccount";

  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };

  private final Path dir;
  private final boolean chown;
  private final SecureRandom random;

  /**
   * @param chown whether to set each file's uid and gid (only root may)
   */
  public SecretFiles(Path dir, boolean chown, SecureRandom random) {
    this.dir = dir;
    this.chown = chown;
    this.random = random;
  }

  /** Whether this process runs as root, judged by the owner of {@code /proc/self}. */
  public static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Writes every file, then syncs the directory; throws {@link AgentException} on failure. */
  public void writeAll(List<DeliveryFormat.File> files) {
    try {
      Files.createDirectories(dir.resolve(SERVICE_ACCOUNT_DIR));
      for (DeliveryFormat.File file : files) {
        write(file);
      }
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } catch (IOException e) {
      throw new AgentException(
          "cannot write secrets to " + dir + ": " + DeliveryClient.describe(e), e);
    }
  }

  private void write(DeliveryFormat.File file) throws IOException {
    String target = file.target();
    if (target.isEmpty() || target.contains("/") || target.equals(".") || target.equals("..")) {
      throw new AgentException("the server sent an invalid target name");
    }
    Path destination = dir.resolve(target);
    Path temporary = dir.resolve("." + target + ".tmp-" + suffix());
    try {
      try (FileChannel out =
          FileChannel.open(
              temporary,
              EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(
                  EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)))) {
        ByteBuffer buffer = ByteBuffer.wrap(file.value());
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      if (chown) {
        Files.setAttribute(temporary, "unix:gid", file.gid());
        Files.setAttribute(temporary, "unix:uid", file.uid());
      }
      Files.setPosixFilePermissions(temporary, permissions(file.mode()));
      Files.move(temporary, destination, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("temporary file exists: " + temporary.getFileName(), e);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        set.add(BITS[bit]);
      }
    }
    return set;
  }

  private String suffix() {
    byte[] bytes = new byte[6];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
