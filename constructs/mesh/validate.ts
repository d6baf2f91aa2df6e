import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { RequestAuthentication } from "@kubernetes-models/istio/security.istio.io/v1/RequestAuthentication";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication";
import { DestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule";
import { ServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry";
import { Sidecar } from "@kubernetes-models/istio/networking.istio.io/v1beta1/Sidecar";
import { ErrorSource, ValidationError } from "../core/errors";
import { MeshKind, MeshManifest, manifestLabel } from "./manifest";

/** A model of `@kubernetes-models/istio` 2.x: built from a manifest, `validate()` throws on a schema violation. */
type IstioModel = new (data: never) => { validate(): void };

/**
 * The upstream schema model of each kind, and the apiVersion the model accepts. The library writes the `v1` API of
 * every kind, as Istio 1.22 and later serve it. `@kubernetes-models/istio` 2.x has `v1` models of AuthorizationPolicy
 * and RequestAuthentication only; PeerAuthentication (`security.istio.io/v1beta1`) and Sidecar, ServiceEntry and
 * DestinationRule (`networking.istio.io/v1beta1`) are checked against their `v1beta1` model, whose spec schema is the
 * one `v1` serves (Istio promoted these APIs to `v1` without changing their fields), with the apiVersion put as the
 * model expects it.
 */
const MODELS: Record<MeshKind, { readonly model: IstioModel; readonly apiVersion: string }> = {
  AuthorizationPolicy: { model: AuthorizationPolicy as IstioModel, apiVersion: "security.istio.io/v1" },
  RequestAuthentication: { model: RequestAuthentication as IstioModel, apiVersion: "security.istio.io/v1" },
  PeerAuthentication: { model: PeerAuthentication as IstioModel, apiVersion: "security.istio.io/v1beta1" },
  Sidecar: { model: Sidecar as IstioModel, apiVersion: "networking.istio.io/v1beta1" },
  ServiceEntry: { model: ServiceEntry as IstioModel, apiVersion: "networking.istio.io/v1beta1" },
  DestinationRule: { model: DestinationRule as IstioModel, apiVersion: "networking.istio.io/v1beta1" },
};

/** One schema violation as the validator reports it (an Ajv error). */
interface SchemaViolation {
  readonly instancePath?: string;
  readonly message?: string;
}

/** `spec.mtls.mode` from the validator's `/spec/mtls/mode`. */
function fieldPath(instancePath: string | undefined): string {
  const path = (instancePath ?? "").split("/").filter(Boolean).join(".");
  return path === "" ? "(the manifest)" : path;
}

/**
 * Validates every manifest offline against the upstream OpenAPI schema of its kind (`@kubernetes-models/istio` 2.x),
 * so that a wrong value fails at synth with its field path rather than at apply. Throws a ValidationError naming
 * the manifest (`Kind namespace/name`) and the field. The upstream schemas do not refuse unknown fields (the API
 * server prunes them); the builders' types keep field names right.
 */
export function validateMeshManifests(source: ErrorSource, manifests: readonly MeshManifest[]): void {
  for (const m of manifests) {
    const entry = MODELS[m.kind];
    if (!entry) throw new ValidationError(source, "manifests", `${manifestLabel(m)}: the kind ${m.kind} is not one the mesh emitter writes.`);
    try {
      new entry.model({ ...m, apiVersion: entry.apiVersion } as never).validate();
    } catch (error) {
      const violations = (error as { errors?: readonly SchemaViolation[] }).errors;
      const first = violations?.[0];
      if (!first) throw error;
      throw new ValidationError(source, "manifests", `${manifestLabel(m)}: ${fieldPath(first.instancePath)} ${first.message ?? "is invalid"} (schema of ${m.apiVersion} ${m.kind}).`);
    }
  }
}
