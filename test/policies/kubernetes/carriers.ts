import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { loadInputs } from "../../../policies/engine/input";
import { Model } from "../../../policies/engine/model";
import { configModel, planModel } from "../../support/rules";

/** A Kubernetes manifest of a fixture, named by `id` (its metadata.name and its Terraform resource name). */
export interface FixtureManifest {
  readonly id: string;
  readonly manifest: Record<string, unknown>;
}

/** The ways a manifest reaches a cluster that the pack reads. */
export const CARRIERS = ["kubernetes_manifest", "kubernetes_manifest plan", "kubectl_manifest", "yaml"] as const;
export type Carrier = (typeof CARRIERS)[number];

/** A model of fixture manifests in one carrier, and the address each manifest gets there. */
export interface CarrierModel {
  readonly model: Model;
  readonly address: (id: string) => string;
}

/**
 * The fixture's manifests as `kubernetes_manifest` resources (synthesized, or in a plan), as `kubectl_manifest`
 * resources with a YAML `yaml_body`, or as YAML files in a temporary folder: half in one multi-document file, the
 * rest in a file of a subfolder.
 */
export function carrierModel(carrier: Carrier, manifests: readonly FixtureManifest[]): CarrierModel {
  const byId = new Map(manifests.map((m) => [m.id, m.manifest]));
  if (carrier === "kubernetes_manifest") {
    const resources = Object.fromEntries(manifests.map((m) => [m.id, { manifest: m.manifest }]));
    return { model: configModel({ resource: { kubernetes_manifest: resources } }), address: (id) => `kubernetes_manifest.${id}` };
  }
  if (carrier === "kubernetes_manifest plan") {
    const resource_changes = manifests.map((m) => ({
      address: `kubernetes_manifest.${m.id}`,
      mode: "managed",
      type: "kubernetes_manifest",
      name: m.id,
      change: { actions: ["create"], after: { manifest: m.manifest, object: null }, after_unknown: { object: true } },
    }));
    return { model: planModel({ format_version: "1.2", resource_changes }), address: (id) => `kubernetes_manifest.${id}` };
  }
  if (carrier === "kubectl_manifest") {
    const resources = Object.fromEntries(manifests.map((m) => [m.id, { yaml_body: stringify(m.manifest) }]));
    return { model: configModel({ resource: { kubectl_manifest: resources } }), address: (id) => `kubectl_manifest.${id}` };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ztb-manifests-"));
  try {
    const half = Math.ceil(manifests.length / 2);
    fs.writeFileSync(path.join(dir, "a.yaml"), manifests.slice(0, half).map((m) => stringify(m.manifest)).join("---\n"));
    fs.mkdirSync(path.join(dir, "more"));
    fs.writeFileSync(path.join(dir, "more", "b.yml"), manifests.slice(half).map((m) => `---\n${stringify(m.manifest)}`).join(""));
    return { model: loadInputs([dir]), address: (id) => yamlAddress(byId.get(id) ?? {}) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The address of a manifest read from a YAML file: `<Kind>/<namespace>/<name>`, or `<Kind>/<name>` without a namespace. */
function yamlAddress(manifest: Record<string, unknown>): string {
  const metadata = (manifest.metadata ?? {}) as Record<string, unknown>;
  return typeof metadata.namespace === "string" ? `${manifest.kind}/${metadata.namespace}/${metadata.name}` : `${manifest.kind}/${metadata.name}`;
}
