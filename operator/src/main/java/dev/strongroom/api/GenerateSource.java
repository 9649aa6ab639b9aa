package dev.strongroom.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Objects;

/** A random value that the operator generates once, from a secure random source. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GenerateSource {
  @JsonPropertyDescription("The value's length in characters (bytes for charset binary).")
  @Min(1)
  @Max(StrongroomApi.MAX_VALUE_BYTES)
  @Default("32")
  private Integer length;

  @JsonPropertyDescription(
      "The characters to draw from: alphanumeric (default), printable (ASCII 0x21-0x7e),"
          + " hex, or binary (random bytes).")
  @Default("alphanumeric")
  private Charset charset;

  public GenerateSource() {}

  public GenerateSource(Integer length, Charset charset) {
    this.length = length;
    this.charset = charset;
  }

  public Integer getLength() {
    return length;
  }

  public void setLength(Integer length) {
    this.length = length;
  }

  public Charset getCharset() {
    return charset;
  }

  public void setCharset(Charset charset) {
    this.charset = charset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GenerateSource other
        && Objects.equals(length, other.length)
        && charset == other.charset;
  }

  @Override
  public int hashCode() {
    return Objects.hash(length, charset);
  }

  /** The alphabets a generated value can be drawn from. */
  public enum Charset {
    alphanumeric,
    printable,
    hex,
    binary
  }
}
