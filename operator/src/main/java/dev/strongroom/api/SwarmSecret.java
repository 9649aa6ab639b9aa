package dev.strongroom.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Swarm secret: a value kept encrypted in Strongroom's Raft store, never in etcd. */
@Group(StrongroomApi.GROUP)
@Version(StrongroomApi.VERSION)
@ShortNames("ssec")
@AdditionalPrinterColumn(
    name = "Version",
    jsonPath = ".status.version",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "In-Use",
    jsonPath = ".status.conditions[?(@.type==\"InUse\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Swarm-Name",
    jsonPath = ".spec.name",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@ValidationRule(
    value = StrongroomApi.SPEC_REQUIRED_RULE,
    optionalOldSelf = true,
    message = "spec is required: a SwarmSecret needs spec.source (sealed, generate or fromSecret)")
public class SwarmSecret extends CustomResource<SwarmSecretSpec, SwarmSecretStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  /** The Swarm name: {@code spec.name}, or {@code metadata.name} when that is absent. */
  public String swarmName() {
    String name = getSpec() == null ? null : getSpec().getName();
    return name != null ? name : getMetadata().getName();
  }
}
