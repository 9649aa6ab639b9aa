package dev.strongroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryFormatTest {
  @Test
  void filesSurviveTheRoundTripWithLargeIdsAndBinaryValues() throws IOException {
    byte[] binary = new byte[500 * 1024];
    Arrays.fill(binary, (byte) 0xff);
    List<DeliveryFormat.File> files =
        List.of(
            new DeliveryFormat.File("pw", 0, 0, 0400, new byte[] {0, 1, 2}),
            new DeliveryFormat.File("big.bin", -2, 65534, 0777, binary));
    List<DeliveryFormat.File> decoded =
        DeliveryFormat.decode(new ByteArrayInputStream(DeliveryFormat.encode(files)));
    assertThat(decoded).hasSize(2);
    assertThat(decoded.get(0).value()).containsExactly(0, 1, 2);
    assertThat(decoded.get(0).mode()).isEqualTo(0400);
    assertThat(Integer.toUnsignedLong(decoded.get(1).uid())).isEqualTo(4294967294L);
    assertThat(decoded.get(1).value()).isEqualTo(binary);
    assertThat(decoded.get(1).toString()).doesNotContain("\u00ff").contains("redacted");
  }

  @Test
  void malformedBodiesAreRefused() {
    byte[] good =
        DeliveryFormat.encode(List.of(new DeliveryFormat.File("pw", 0, 0, 0400, new byte[] {7})));
    assertThatThrownBy(() -> DeliveryFormat.decode(new ByteArrayInputStream("HTTP".getBytes())))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                DeliveryFormat.decode(
                    new ByteArrayInputStream(Arrays.copyOf(good, good.length - 1))))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                DeliveryFormat.decode(
                    new ByteArrayInputStream(Arrays.copyOf(good, good.length + 1))))
        .isInstanceOf(IOException.class);
  }

  @Test
  void closingAFileZeroesItsValue() {
    byte[] value = {1, 2, 3};
    new DeliveryFormat.File("pw", 0, 0, 0400, value).close();
    assertThat(value).containsOnly(0);
  }
}
