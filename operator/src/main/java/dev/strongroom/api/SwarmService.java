package dev.strongroom.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Swarm service: a workload and the secrets it is granted, rendered as a Deployment. */
@Group(StrongroomApi.GROUP)
@Version(StrongroomApi.VERSION)
@ShortNames("ssvc")
@AdditionalPrinterColumn(
    name = "Replicas",
    jsonPath = ".spec.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.readyReplicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Secrets",
    jsonPath = ".status.secretCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Revision",
    jsonPath = ".status.grantRevision",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(
    value = StrongroomApi.SPEC_REQUIRED_RULE,
    optionalOldSelf = true,
    message = "spec is required: a SwarmService needs spec.template")
public class SwarmService extends CustomResource<SwarmServiceSpec, SwarmServiceStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;
}
