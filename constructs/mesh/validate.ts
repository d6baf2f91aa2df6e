import { AuthorizationPolicy } from "@kubernetes-models/istio/security.istio.io/v1/AuthorizationPolicy";
import { RequestAuthentication } from "@kubernetes-models/istio/security.istio.io/v1/RequestAuthentication";
import { PeerAuthentication } from "@kubernetes-models/istio/security.istio.io/v1beta1/PeerAuthentication";
import { DestinationRule } from "@kubernetes-models/istio/networking.istio.io/v1beta1/DestinationRule";
import { ServiceEntry } from "@kubernetes-models/istio/networking.istio.io/v1beta1/ServiceEntry";
import { Sidecar } from "@kubernetes-models/istio/networking.istio.io/v1beta1/Sidecar";
import { ErrorSource, ValidationError } from "../core/errors";
import { SchemaModel, schemaProblem } from "../kubernetes";
import { manifestLabel } from "../kubernetes/manifest";
import { MeshKind, MeshManifest } from "./manifest";

/**
 * The upstream schema model of each kind, and the apiVersion the model accepts. The library writes the `v1` API of
 * every kind, as Istio 1.22 and later serve it. `@kubernetes-models/istio` 2.x has `v1` models of AuthorizationPolicy
 * and RequestAuthentication only; PeerAuthentication (`security.istio.io/v1beta1`) and Sidecar, ServiceEntry and
 * DestinationRule (`networking.istio.io/v1beta1`) are checked against their `v1beta1` model, whose spec schema is the
 * one `v1` serves (Istio promoted these APIs to `v1` without changing their fields), with the apiVersion put as the
 * model expects it.
 */
const MODELS: Record<MeshKind, { readonly model: SchemaModel; readonly apiVersion: string }> = {
  AuthorizationPolicy: { model: istioModel(AuthorizationPolicy), apiVersion: "security.istio.io/v1" },
  RequestAuthentication: { model: istioModel(RequestAuthentication), apiVersion: "security.istio.io/v1" },
  PeerAuthentication: { model: istioModel(PeerAuthentication), apiVersion: "security.istio.io/v1beta1" },
  Sidecar: { model: istioModel(Sidecar), apiVersion: "networking.istio.io/v1beta1" },
  ServiceEntry: { model: istioModel(ServiceEntry), apiVersion: "networking.istio.io/v1beta1" },
  DestinationRule: { model: istioModel(DestinationRule), apiVersion: "networking.istio.io/v1beta1" },
};

/**
 * A model of `@kubernetes-models/istio` 2.x as `schemaProblem` runs it. Those models (on `@kubernetes-models/base` 4)
 * find their schema through their prototype, so the data `schemaProblem` validates is given the model's prototype
 * before the model's own `validate` runs on it; otherwise `validate` would find no schema and check nothing.
 */
function istioModel(model: { readonly prototype: { validate(): void } }): SchemaModel {
  return {
    prototype: {
      validate(this: object): void {
        model.prototype.validate.call(Object.setPrototypeOf(this, model.prototype) as { validate(): void });
      },
    },
  };
}

/**
 * Validates every manifest offline against the upstream OpenAPI schema of its kind (`@kubernetes-models/istio` 2.x),
 * with the Kubernetes emitter's `schemaProblem`: wrong types and values as the schema reports them, then fields the
 * schema does not declare (a misspelt field). A problem fails at synth with its field path rather than at apply:
 * a ValidationError naming the manifest (`Kind namespace/name`) and the field.
 */
export function validateMeshManifests(source: ErrorSource, manifests: readonly MeshManifest[]): void {
  manifests.forEach((m, index) => {
    const entry = MODELS[m.kind];
    if (!entry) throw new ValidationError(source, `manifests[${index}]`, `${manifestLabel(m)}: the kind ${m.kind} is not one the mesh emitter writes.`);
    const problem = schemaProblem(entry.model, { ...m, apiVersion: entry.apiVersion });
    if (problem) {
      throw new ValidationError(source, `manifests[${index}]`, `${manifestLabel(m)}: ${problem.path} ${problem.message} (schema of ${m.apiVersion} ${m.kind}).`);
    }
  });
}
