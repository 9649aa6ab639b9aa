package dev.strongroom.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubernetesExpansionTest {
  @Test
  void onlyDollarsThatKubernetesWouldReadAreDoubled() {
    assertThat(KubernetesExpansion.escape("echo $HOME")).isEqualTo("echo $HOME");
    assertThat(KubernetesExpansion.escape("echo $(date)")).isEqualTo("echo $$(date)");
    assertThat(KubernetesExpansion.escape("a$$b")).isEqualTo("a$$$b");
    assertThat(KubernetesExpansion.escape("end$")).isEqualTo("end$");
  }
}
