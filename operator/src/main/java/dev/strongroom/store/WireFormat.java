package dev.strongroom.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Bounded DataInput/DataOutput helpers shared by the store's binary formats. */
final class WireFormat {
  static final int MAX_STRING_BYTES = 1024;
  static final int MAX_LIST = 100_000;

  private WireFormat() {}

  /** A DataOutputStream over a growable buffer. */
  static final class Writer {
    private final ByteArrayOutputStream buffer;
    final DataOutputStream out;

    Writer(int sizeHint) {
      buffer = new ByteArrayOutputStream(sizeHint);
      out = new DataOutputStream(buffer);
    }

    Writer string(String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      if (utf8.length > MAX_STRING_BYTES) {
        throw new InvalidRequestException("a name is longer than " + MAX_STRING_BYTES + " bytes");
      }
      try {
        out.writeShort(utf8.length);
        out.write(utf8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer bytes(byte[] b) {
      try {
        out.writeInt(b.length);
        out.write(b);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    Writer u8(int v) {
      return run(() -> out.writeByte(v));
    }

    Writer i32(int v) {
      return run(() -> out.writeInt(v));
    }

    Writer i64(long v) {
      return run(() -> out.writeLong(v));
    }

    Writer bool(boolean v) {
      return run(() -> out.writeBoolean(v));
    }

    private Writer run(IoAction action) {
      try {
        action.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    byte[] toByteArray() {
      return buffer.toByteArray();
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  /** A bounded reader that turns every short or malformed input into MalformedMessageException. */
  static final class Reader {
    private final DataInputStream in;
    private final ByteArrayInputStream source;

    Reader(byte[] bytes) {
      this(bytes, 0, bytes.length);
    }

    Reader(byte[] bytes, int off, int len) {
      source = new ByteArrayInputStream(bytes, off, len);
      in = new DataInputStream(source);
    }

    String string() {
      int len = u16();
      if (len > MAX_STRING_BYTES) {
        throw new MalformedMessageException("a string is longer than allowed");
      }
      byte[] utf8 = exactly(len);
      return new String(utf8, StandardCharsets.UTF_8);
    }

    byte[] bytes(int max) {
      int len = i32();
      if (len < 0 || len > max || len > source.available()) {
        throw new MalformedMessageException("a byte field has an impossible length");
      }
      return exactly(len);
    }

    int count() {
      int n = i32();
      if (n < 0 || n > MAX_LIST) {
        throw new MalformedMessageException("a list has an impossible length");
      }
      return n;
    }

    int u8() {
      try {
        return in.readUnsignedByte();
      } catch (IOException e) {
        throw truncated();
      }
    }

    int u16() {
      try {
        return in.readUnsignedShort();
      } catch (IOException e) {
        throw truncated();
      }
    }

    int i32() {
      try {
        return in.readInt();
      } catch (IOException e) {
        throw truncated();
      }
    }

    long i64() {
      try {
        return in.readLong();
      } catch (IOException e) {
        throw truncated();
      }
    }

    boolean bool() {
      int b = u8();
      if (b > 1) {
        throw new MalformedMessageException("a boolean is neither 0 nor 1");
      }
      return b == 1;
    }

    byte[] exactly(int len) {
      byte[] b = new byte[len];
      try {
        in.readFully(b);
      } catch (EOFException e) {
        throw truncated();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return b;
    }

    int remaining() {
      return source.available();
    }

    /** Fails when bytes are left over: a message is exactly one value. */
    void end() {
      if (source.available() != 0) {
        throw new MalformedMessageException("trailing bytes after the message");
      }
    }

    private static MalformedMessageException truncated() {
      return new MalformedMessageException("the message is truncated");
    }
  }
}
