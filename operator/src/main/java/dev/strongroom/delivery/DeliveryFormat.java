package dev.strongroom.delivery;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The delivery response body, version 1 (media type {@value #MEDIA_TYPE}); JDK-only so the agent
 * loads nothing else. Big-endian: magic {@code "SRD"} and version byte {@code 1}, a u16 count, then
 * per file a u16-length UTF-8 target, u32 uid, u32 gid, u16 mode, and a u32-length value.
 */
public final class DeliveryFormat {
  public static final String MEDIA_TYPE = "application/vnd.strongroom.delivery.v1";
  private static final byte[] MAGIC = {'S', 'R', 'D', 1};
  private static final int MAX_FILES = 1024;
  private static final int MAX_VALUE = 500 * 1024;

  /** One file to write; {@link #close()} zeroes the value. */
  public record File(String target, int uid, int gid, int mode, byte[] value)
      implements AutoCloseable {
    @Override
    public void close() {
      Arrays.fill(value, (byte) 0);
    }

    @Override
    public String toString() {
      return "File[" + target + ", redacted]";
    }
  }

  private DeliveryFormat() {}

  /**
   * Encodes {@code files} into one array of exactly their size, with no other copy of the values (a
   * growable stream would keep one in its own buffer); the caller zeroes it after sending it.
   */
  public static byte[] encode(List<File> files) {
    List<byte[]> targets = new ArrayList<>(files.size());
    int size = MAGIC.length + 2;
    for (File f : files) {
      byte[] target = f.target().getBytes(StandardCharsets.UTF_8);
      targets.add(target);
      size += 2 + target.length + 4 + 4 + 2 + 4 + f.value().length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(MAGIC);
    out.putShort((short) files.size());
    for (int i = 0; i < files.size(); i++) {
      File f = files.get(i);
      byte[] target = targets.get(i);
      out.putShort((short) target.length);
      out.put(target);
      out.putInt(f.uid());
      out.putInt(f.gid());
      out.putShort((short) f.mode());
      out.putInt(f.value().length);
      out.put(f.value());
    }
    return out.array();
  }

  /** Decodes a response body; throws {@link IOException} on anything malformed. */
  public static List<File> decode(InputStream body) throws IOException {
    DataInputStream in = new DataInputStream(body);
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new IOException("not a version 1 delivery response");
    }
    int count = in.readUnsignedShort();
    if (count > MAX_FILES) {
      throw new IOException("malformed delivery response: too many files");
    }
    List<File> files = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        String target = new String(readExactly(in, in.readUnsignedShort()), StandardCharsets.UTF_8);
        int uid = in.readInt();
        int gid = in.readInt();
        int mode = in.readUnsignedShort();
        int length = in.readInt();
        if (length < 0 || length > MAX_VALUE) {
          throw new IOException("malformed delivery response: value length");
        }
        files.add(new File(target, uid, gid, mode, readExactly(in, length)));
      }
      if (in.read() != -1) {
        throw new IOException("malformed delivery response: trailing bytes");
      }
    } catch (IOException e) {
      for (File file : files) {
        file.close();
      }
      throw e;
    }
    return files;
  }

  private static byte[] readExactly(DataInputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new EOFException("truncated delivery response");
    }
    return bytes;
  }
}
