package dev.strongroom.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bounded big-endian binary helpers shared by the store's formats (the layout of DataOutput).
 *
 * <p>These buffers carry plaintext secret values on their way to and from encryption, so neither
 * side leaves copies behind: the writer wipes each buffer it outgrows and the one it was left with,
 * and the reader reads nested messages in place instead of copying them out.
 */
final class WireFormat {
  static final int MAX_STRING_BYTES = 1024;
  static final int MAX_LIST = 100_000;

  private WireFormat() {}

  /** A growable buffer; {@link #toByteArray} ends it. */
  static final class Writer {
    private byte[] buffer;
    private int size;

    Writer(int sizeHint) {
      buffer = new byte[Math.max(16, sizeHint)];
    }

    Writer string(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > MAX_STRING_BYTES) {
        throw new InvalidRequestException("a name is longer than " + MAX_STRING_BYTES + " bytes");
      }
      u16(utf8.length);
      return raw(utf8, utf8.length);
    }

    Writer bytes(byte[] b) {
      i32(b.length);
      return raw(b, b.length);
    }

    /** The first {@code length} bytes of {@code b}, without a length prefix. */
    Writer raw(byte[] b, int length) {
      ensure(length);
      System.arraycopy(b, 0, buffer, size, length);
      size += length;
      return this;
    }

    Writer u8(int v) {
      ensure(1);
      buffer[size++] = (byte) v;
      return this;
    }

    private void u16(int v) {
      ensure(2);
      buffer[size++] = (byte) (v >>> 8);
      buffer[size++] = (byte) v;
    }

    Writer i32(int v) {
      ensure(4);
      put32(size, v);
      size += 4;
      return this;
    }

    Writer i64(long v) {
      i32((int) (v >>> 32));
      return i32((int) v);
    }

    Writer bool(boolean v) {
      return u8(v ? 1 : 0);
    }

    /** Reserves a 4-byte length for what follows; {@link #endLength} fills it in. */
    int startLength() {
      i32(0);
      return size;
    }

    /** Writes the number of bytes written since {@link #startLength} returned {@code start}. */
    void endLength(int start) {
      put32(start - 4, size - start);
    }

    /** The bytes written; the writer is done (its buffer is handed over or wiped). */
    byte[] toByteArray() {
      byte[] result = buffer;
      if (size != buffer.length) {
        result = Arrays.copyOf(buffer, size);
        Arrays.fill(buffer, (byte) 0);
      }
      buffer = null;
      return result;
    }

    private void put32(int at, int v) {
      buffer[at] = (byte) (v >>> 24);
      buffer[at + 1] = (byte) (v >>> 16);
      buffer[at + 2] = (byte) (v >>> 8);
      buffer[at + 3] = (byte) v;
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        byte[] grown = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        Arrays.fill(buffer, (byte) 0);
        buffer = grown;
      }
    }
  }

  /** A bounded reader that turns every short or malformed input into MalformedMessageException. */
  static final class Reader {
    private final byte[] bytes;
    private int position;
    private final int limit;

    Reader(byte[] bytes) {
      this(bytes, 0, bytes.length);
    }

    Reader(byte[] bytes, int off, int len) {
      if (off < 0 || len < 0 || off + len > bytes.length) {
        throw new IllegalArgumentException("the range is outside the array");
      }
      this.bytes = bytes;
      this.position = off;
      this.limit = off + len;
    }

    String string() {
      int len = u16();
      if (len > MAX_STRING_BYTES) {
        throw new MalformedMessageException("a string is longer than allowed");
      }
      need(len);
      String s = new String(bytes, position, len, StandardCharsets.UTF_8);
      position += len;
      return s;
    }

    byte[] bytes(int max) {
      return exactly(length(max));
    }

    /**
     * A reader over the next length-prefixed field of at most {@code max} bytes, read in place (no
     * copy); this reader moves past it.
     */
    Reader nested(int max) {
      int len = length(max);
      Reader nested = new Reader(bytes, position, len);
      position += len;
      return nested;
    }

    private int length(int max) {
      int len = i32();
      if (len < 0 || len > max || len > remaining()) {
        throw new MalformedMessageException("a byte field has an impossible length");
      }
      return len;
    }

    int count() {
      int n = i32();
      if (n < 0 || n > MAX_LIST) {
        throw new MalformedMessageException("a list has an impossible length");
      }
      return n;
    }

    int u8() {
      need(1);
      return bytes[position++] & 0xff;
    }

    int u16() {
      need(2);
      int v = (bytes[position] & 0xff) << 8 | bytes[position + 1] & 0xff;
      position += 2;
      return v;
    }

    int i32() {
      need(4);
      int v =
          (bytes[position] & 0xff) << 24
              | (bytes[position + 1] & 0xff) << 16
              | (bytes[position + 2] & 0xff) << 8
              | bytes[position + 3] & 0xff;
      position += 4;
      return v;
    }

    long i64() {
      long high = i32();
      return high << 32 | i32() & 0xffffffffL;
    }

    boolean bool() {
      int b = u8();
      if (b > 1) {
        throw new MalformedMessageException("a boolean is neither 0 nor 1");
      }
      return b == 1;
    }

    byte[] exactly(int len) {
      need(len);
      byte[] b = Arrays.copyOfRange(bytes, position, position + len);
      position += len;
      return b;
    }

    int remaining() {
      return limit - position;
    }

    /** Fails when bytes are left over: a message is exactly one value. */
    void end() {
      if (position != limit) {
        throw new MalformedMessageException("trailing bytes after the message");
      }
    }

    private void need(int len) {
      if (len < 0 || len > limit - position) {
        throw new MalformedMessageException("the message is truncated");
      }
    }
  }
}
