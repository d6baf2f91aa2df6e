import { stringify } from "yaml";
import { MeshManifest } from "./manifest";

/** Name of the YAML file that holds a namespace's mesh manifests: `istio-<namespace>.yaml`. */
export function meshYamlFileName(namespace: string): string {
  return `istio-${namespace}.yaml`;
}

/**
 * The manifests as YAML files for GitOps (Argo CD, Flux): one file per namespace (`istio-<namespace>.yaml`), holding
 * its manifests in the given order as documents separated by `---`. Files are listed in the order their namespaces
 * first appear, so sorted manifests give the same files, byte for byte, on every run.
 */
export function meshYaml(manifests: readonly MeshManifest[]): Map<string, string> {
  const byFile = new Map<string, string[]>();
  for (const m of manifests) {
    const file = meshYamlFileName(m.metadata.namespace);
    byFile.set(file, [...(byFile.get(file) ?? []), stringify(m, { lineWidth: 0 })]);
  }
  return new Map([...byFile].map(([file, docs]) => [file, docs.join("---\n")]));
}
