import { manifestsToYaml } from "../kubernetes";
import { MeshManifest } from "./manifest";

/** Name of the YAML file that holds a namespace's mesh manifests: `istio-<namespace>.yaml`. */
export function meshYamlFileName(namespace: string): string {
  return `istio-${namespace}.yaml`;
}

/**
 * The manifests as YAML files for GitOps (Argo CD, Flux), written as the Kubernetes emitter writes its own (YAML 1.1,
 * documents in the given order, files in namespace order, the same bytes on every run), one file per namespace named
 * `istio-<namespace>.yaml`, so that they sit beside the Kubernetes emitter's `<namespace>.yaml` files.
 */
export function meshYaml(manifests: readonly MeshManifest[]): Map<string, string> {
  return new Map([...manifestsToYaml(manifests)].map(([file, text]) => [meshYamlFileName(file.replace(/\.yaml$/, "")), text]));
}
