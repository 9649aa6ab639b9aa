/**
 * The custom resources {@code SwarmSecret} and {@code SwarmService} (group {@code strongroom.dev},
 * version {@code v1alpha1}). The CRDs in {@code crds/} are generated from these classes; the
 * {@code @JsonPropertyDescription} texts become {@code kubectl explain} output and the validation
 * annotations become the OpenAPI schema and CEL rules the API server enforces.
 */
package dev.strongroom.api;
