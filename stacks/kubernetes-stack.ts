import { Construct } from "constructs";
import { LocalBackend, TerraformStack } from "cdktf";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { KubernetesServices } from "../constructs/kubernetes";
import { MeshPolicies } from "../constructs/mesh";
import { ServicePlatform } from "../constructs/service";

/** Options of a {@link KubernetesStack}. */
export interface KubernetesStackOptions {
  /** Name of the kubeconfig context of the platform's cluster (`aws eks update-kubeconfig` names it after the cluster ARN). */
  readonly kubeconfigContext: string;
  /**
   * Whether to configure a local state backend at `terraform.<stack id>.tfstate`.
   *
   * @default true
   */
  readonly localBackend?: boolean;
}

/**
 * The example platform's Kubernetes stack: the namespaces, workloads, NetworkPolicies and Istio settings of the services
 * that run on the cluster, derived from the platform's declared graph. Planned and applied after the AWS stack
 * ({@link PlatformStack}) and after Istio and its CRDs are installed on the cluster: a `kubernetes_manifest` reads the
 * cluster's API at plan time. The same manifests are available as YAML files for GitOps (`services.writeYaml(dir)`,
 * `mesh.writeYaml(dir)`).
 */
export class KubernetesStack extends TerraformStack {
  /** The Kubernetes objects of the platform's services. */
  public readonly services: KubernetesServices;
  /** The Istio settings of the platform's services. */
  public readonly mesh: MeshPolicies;

  constructor(scope: Construct, id: string, platform: ServicePlatform, options: KubernetesStackOptions) {
    super(scope, id);
    const kubernetes = platform.kubernetes;
    if (kubernetes === undefined) throw new Error(`KubernetesStack "${id}" needs a platform with a cluster (ServicePlatform kubernetes.cluster)`);
    if (options.localBackend ?? true) {
      new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    }
    new KubernetesProvider(this, "kubernetes", { configPath: "~/.kube/config", configContext: options.kubeconfigContext });
    this.services = new KubernetesServices(this, "services", {
      graph: platform.graph,
      workloads: kubernetes.workloads,
      cidrs: kubernetes.cidrs,
      vpcCidr: kubernetes.vpcCidr,
      // The namespaces run Istio sidecars: they reach istiod, and their quotas count the sidecars.
      istio: {},
    });
    this.mesh = new MeshPolicies(this, "mesh", {
      graph: platform.graph,
      workloads: kubernetes.workloads,
      destinationHosts: kubernetes.destinationHosts,
    });
  }
}
