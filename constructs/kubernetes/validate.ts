import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { ErrorSource, ValidationError } from "../core/errors";
import { KubernetesManifest, manifestLabel } from "./manifest";

/** A model class of `kubernetes-models` 4.x (or `@kubernetes-models/istio` 2.x): its `validate` runs the upstream schema on `this`. */
export interface SchemaModel {
  /** The model's prototype, whose `validate` checks `this` against the schema and throws the violations. */
  readonly prototype: { validate(): void };
}

/** The upstream schema model of each `apiVersion/kind` the Kubernetes emitter writes. */
const MODELS: Readonly<Record<string, SchemaModel>> = {
  "v1/Namespace": Namespace,
  "v1/ServiceAccount": ServiceAccount,
  "v1/Service": Service,
  "v1/ResourceQuota": ResourceQuota,
  "v1/LimitRange": LimitRange,
  "apps/v1/Deployment": Deployment,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
};

/** A schema violation: the field path (`spec.template.spec.containers[0].securityContext.runAsNonRot`) and the problem. */
export interface SchemaProblem {
  /** Dotted path of the field, with list indexes in brackets. */
  readonly path: string;
  /** What is wrong with it. */
  readonly message: string;
}

interface Visited {
  readonly path: string;
  readonly keys: readonly string[];
  readonly read: Set<string>;
}

/**
 * A copy of `value` whose objects record the keys the validator reads. The upstream schemas do not refuse unknown
 * fields (the API server drops or refuses them at apply, depending on its field validation), but their compiled
 * validators read every field the schema declares and only those; a key nobody read is a field the schema does not
 * know, which is how a misspelt field is found offline, as `kubectl apply --validate=strict` would find it.
 */
function tracked(value: unknown, path: string, visited: Visited[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => tracked(v, `${path}[${i}]`, visited));
  if (value === null || typeof value !== "object") return value;
  const read = new Set<string>();
  const keys = Object.keys(value);
  visited.push({ path, keys, read });
  const copy: Record<string, unknown> = {};
  for (const key of keys) copy[key] = tracked((value as Record<string, unknown>)[key], path ? `${path}.${key}` : key, visited);
  return new Proxy(copy, {
    get(target, key, receiver) {
      if (typeof key === "string") read.add(key);
      return Reflect.get(target, key, receiver);
    },
  });
}

/** `spec.replicas` from the validator's `/spec/replicas`, `containers[0]` from `containers/0`. */
function fieldPath(instancePath: string | undefined): string {
  const parts = (instancePath ?? "").split("/").filter(Boolean);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), "") || "(the manifest)";
}

/**
 * Checks one manifest against a model's upstream schema: wrong types, values and missing required fields as the
 * schema reports them, then fields the schema does not declare. Returns the first problem, or undefined.
 */
export function schemaProblem(model: SchemaModel, manifest: object): SchemaProblem | undefined {
  const visited: Visited[] = [];
  const data = tracked(manifest, "", visited);
  try {
    model.prototype.validate.call(data);
  } catch (error) {
    const first = (error as { errors?: readonly { instancePath?: string; message?: string }[] }).errors?.[0];
    if (!first) throw error;
    return { path: fieldPath(first.instancePath), message: first.message ?? "is invalid" };
  }
  for (const v of visited) {
    const unknown = v.keys.find((k) => !v.read.has(k));
    if (unknown !== undefined) return { path: v.path ? `${v.path}.${unknown}` : unknown, message: "is not a field of the schema" };
  }
  return undefined;
}

/**
 * Validates every manifest offline against the upstream OpenAPI schema of its kind (`kubernetes-models` 4.x), so a
 * typo fails at synth with its field path rather than at apply. Throws a ValidationError naming the manifest
 * (`Kind namespace/name`) and the field.
 */
export function validateManifests(manifests: readonly KubernetesManifest[], source: ErrorSource = { kind: "KubernetesManifests", id: "manifests", path: "" }): void {
  manifests.forEach((m, index) => {
    const model = MODELS[`${m.apiVersion}/${m.kind}`];
    if (!model) throw new ValidationError(source, `manifests[${index}]`, `${manifestLabel(m)}: ${m.apiVersion} ${m.kind} is not a kind the Kubernetes emitter writes; no schema to validate it against.`);
    const problem = schemaProblem(model, m);
    if (problem) {
      throw new ValidationError(source, `manifests[${index}]`, `${manifestLabel(m)}: ${problem.path} ${problem.message} (schema of ${m.apiVersion} ${m.kind}).`);
    }
  });
}
