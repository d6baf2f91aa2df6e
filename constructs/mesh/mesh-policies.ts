import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { errorSource } from "../core/errors";
import { carryGraph } from "../core/graph-carrier";
import { KubernetesWorkload, writeYamlFiles } from "../kubernetes";
import { GraphDocument } from "../../policies/shared/service-graph";
import { MeshManifest } from "./manifest";
import { buildMeshManifests } from "./manifests";
import { MeshOptions } from "./options";
import { validateMeshManifests } from "./validate";
import { meshYaml } from "./yaml";

const KIND = "MeshPolicies";

/** Props of {@link MeshPolicies}. */
export interface MeshPoliciesProps extends MeshOptions {
  /** The declared service graph (a ServicePlatform's `graph`, or the document it writes). */
  readonly graph: GraphDocument;
  /** The services of the graph that run on Kubernetes in the mesh. */
  readonly workloads: readonly KubernetesWorkload[];
  /**
   * Kubernetes provider the manifests are applied with.
   *
   * @default - the stack's default Kubernetes provider
   */
  readonly provider?: TerraformProvider;
}

/** Construct id of a manifest's `kubernetes_manifest`, stable across runs: `<kind>-<namespace>-<name>`. */
export function manifestId(m: MeshManifest): string {
  return `${m.kind.toLowerCase()}-${m.metadata.namespace}-${m.metadata.name}`;
}

/**
 * The Istio settings of a graph's Kubernetes services (see `meshManifests`), validated offline against the upstream
 * schemas and emitted as one `kubernetes_manifest` per manifest. Put it in a Kubernetes stack of its own, applied
 * after the AWS stack that creates the cluster and after Istio's CRDs are installed: `kubernetes_manifest` reads the
 * cluster's API at plan time (terraform-provider-kubernetes#1367). For GitOps, `toYaml()` and `writeYaml(dir)` give
 * the same manifests as YAML files.
 */
export class MeshPolicies extends Construct {
  /** The manifests, in the order they are emitted and written. */
  public readonly manifests: readonly MeshManifest[];

  constructor(scope: Construct, id: string, props: MeshPoliciesProps) {
    const source = errorSource(KIND, scope, id);
    const manifests = buildMeshManifests(source, props.graph, props.workloads, props);
    validateMeshManifests(source, manifests);
    super(scope, id);
    // The stack carries the graph too, so the pack's service-graph rules judge its mesh layer against it.
    carryGraph(this, source, { ...props.graph, scope: "kubernetes" });
    this.manifests = manifests;
    for (const m of manifests) new Manifest(this, manifestId(m), { manifest: m, ...(props.provider ? { provider: props.provider } : {}) });
  }

  /** The manifests as YAML, one file per namespace (`istio-<namespace>.yaml`), by file name. */
  public toYaml(): Map<string, string> {
    return meshYaml(this.manifests);
  }

  /** Writes {@link toYaml}'s files into `dir` (created when missing) and returns their paths. */
  public writeYaml(dir: string): string[] {
    return writeYamlFiles(dir, this.toYaml());
  }
}
