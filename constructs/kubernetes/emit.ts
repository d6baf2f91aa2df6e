import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DefaultServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/default-service-account-v1";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { TerraformProvider, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { stringify } from "yaml";
import { ErrorSource, errorSource } from "../core/errors";
import { carryGraph } from "../core/graph-carrier";
import type { GraphDocument } from "../../policies/shared/service-graph";
import { PodIdentityTarget, podIdentityTarget } from "./identity";
import type { KubernetesManifest } from "./manifest";
import { KubernetesManifestOptions, buildManifests, defaultPlatform } from "./manifests";
import { validateManifests } from "./validate";
import type { KubernetesWorkload } from "./workload";

/** Properties of {@link KubernetesServices}. */
export interface KubernetesServicesProps extends KubernetesManifestOptions {
  /** The declared service graph (a ServicePlatform's `graph`, or a `service-graph.json` document). */
  readonly graph: GraphDocument;
  /** How each service of the graph that runs on Kubernetes runs there. */
  readonly workloads: readonly KubernetesWorkload[];
  /**
   * Kubernetes provider of the `kubernetes_manifest` resources.
   *
   * @default - the stack's default kubernetes provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * The graph's Kubernetes services in a Kubernetes stack: every manifest of {@link kubernetesManifests}, validated
 * offline against the upstream schemas, as one `kubernetes_manifest` each, and the same manifests as YAML files for
 * GitOps ({@link toYaml}, {@link writeYaml}).
 *
 * Each namespace's `default` ServiceAccount is the exception: Kubernetes creates it with the namespace, and a
 * `kubernetes_manifest` refuses to create an object that exists, so it becomes a `kubernetes_default_service_account_v1`,
 * which adopts the account and turns its token automount off. Namespaced objects depend on their Namespace, and each
 * Deployment also on its ServiceAccount and on the namespace's quota, limits and baseline NetworkPolicies, so no pod
 * starts before default deny holds.
 *
 * Put it in a stack of its own, planned and applied after the AWS stack that makes the cluster: a
 * `kubernetes_manifest` reads the cluster's API (and the CRDs of its kind) at plan time, so it cannot be planned in
 * the run that creates the cluster (hashicorp/terraform-provider-kubernetes#1367).
 */
export class KubernetesServices extends Construct {
  /** The manifests, in the order they are applied and written. */
  readonly manifests: readonly KubernetesManifest[];
  /**
   * The resources, by `Kind/namespace/name` (`Kind/name` for a Namespace): a `kubernetes_manifest` each, a
   * `kubernetes_default_service_account_v1` for each `default` ServiceAccount.
   */
  readonly resources: ReadonlyMap<string, TerraformResource>;
  /** Value of the `app.kubernetes.io/part-of` label of every object. */
  readonly platform: string;
  private readonly workloads: readonly KubernetesWorkload[];

  constructor(scope: Construct, id: string, props: KubernetesServicesProps) {
    const source: ErrorSource = errorSource("KubernetesServices", scope, id);
    const platform = props.platform ?? defaultPlatform(props.graph.platform);
    const manifests = buildManifests(source, props.graph, props.workloads, { ...props, platform });
    validateManifests(manifests, source);
    super(scope, id);
    // The stack carries the graph too, so the pack's service-graph rules judge its Kubernetes layers against it.
    carryGraph(this, source, { ...props.graph, scope: "kubernetes" });
    this.platform = platform;
    this.manifests = manifests;
    this.workloads = props.workloads;
    const resources = new Map<string, TerraformResource>();
    for (const m of manifests) {
      const dependsOn = dependenciesOf(m, resources);
      const resource = isDefaultAccount(m)
        ? new DefaultServiceAccountV1(this, constructId(m), {
            metadata: { namespace: m.metadata.namespace, labels: { ...m.metadata.labels } },
            automountServiceAccountToken: false,
            provider: props.provider,
            dependsOn,
          })
        : new Manifest(this, constructId(m), { manifest: m as unknown as Record<string, unknown>, provider: props.provider, dependsOn });
      resources.set(manifestKey(m), resource);
    }
    this.resources = resources;
  }

  /** The namespace and ServiceAccount of each service, for its EKS Pod Identity association in the AWS stack. */
  public podIdentityTargets(): ReadonlyMap<string, PodIdentityTarget> {
    return new Map(this.workloads.map((w) => [w.service, podIdentityTarget(w)]));
  }

  /** The manifests as YAML files for GitOps: one file per namespace (`<namespace>.yaml`), documents in apply order. */
  public toYaml(): Map<string, string> {
    return manifestsToYaml(this.manifests);
  }

  /** Writes {@link toYaml}'s files into `dir` (created when missing); returns their paths. */
  public writeYaml(dir: string): string[] {
    return writeYamlFiles(dir, this.toYaml());
  }
}

/** Kinds a Deployment waits for in its namespace: the limits its pods are admitted under and the policies they run under. */
const BASELINE_KINDS: readonly string[] = ["ResourceQuota", "LimitRange", "NetworkPolicy"];

function isDefaultAccount(m: KubernetesManifest): boolean {
  return m.kind === "ServiceAccount" && m.metadata.name === "default";
}

/**
 * What a manifest's resource waits for, among those made before it: its Namespace; for a Deployment also its
 * ServiceAccount and the quota, limits and NetworkPolicies of its namespace made so far (the baseline, which the
 * builder lists ahead of the namespace's services).
 */
function dependenciesOf(m: KubernetesManifest, made: ReadonlyMap<string, TerraformResource>): TerraformResource[] | undefined {
  const ns = m.metadata.namespace;
  if (ns === undefined) return undefined;
  const keys = [`Namespace/${ns}`];
  if (m.kind === "Deployment") {
    const account = (m.spec as { template?: { spec?: { serviceAccountName?: string } } } | undefined)?.template?.spec?.serviceAccountName;
    for (const key of made.keys()) if (BASELINE_KINDS.some((kind) => key.startsWith(`${kind}/${ns}/`))) keys.push(key);
    if (account) keys.push(`ServiceAccount/${ns}/${account}`);
  }
  const found = keys.map((k) => made.get(k)).filter((r): r is TerraformResource => r !== undefined);
  return found.length > 0 ? found : undefined;
}

/** `Deployment/orders/orders`, `Namespace/orders`. */
function manifestKey(m: KubernetesManifest): string {
  return [m.kind, m.metadata.namespace, m.metadata.name].filter((p) => p !== undefined).join("/");
}

/** A stable construct id from kind, namespace and name: `deployment-orders-orders`. */
function constructId(m: KubernetesManifest): string {
  return manifestKey(m).toLowerCase().replace(/\//g, "-");
}

/**
 * YAML 1.1, as Kubernetes tools read it (a plain `on`, `yes` or `no` is a boolean there, so such strings are quoted),
 * without anchors for repeated objects and without folded lines.
 */
export const YAML_OPTIONS = { version: "1.1", aliasDuplicateObjects: false, lineWidth: 0 } as const;

/** Writes YAML files (file name to text) into `dir`, created when missing; returns their paths. */
export function writeYamlFiles(dir: string, files: ReadonlyMap<string, string>): string[] {
  mkdirSync(dir, { recursive: true });
  return [...files].map(([file, text]) => {
    const path = join(dir, file);
    writeFileSync(path, text);
    return path;
  });
}

/**
 * Manifests as YAML files, one per namespace (`<namespace>.yaml`, the Namespace first), each document in the order
 * given; files in namespace order. The text is deterministic: the same manifests give the same bytes.
 */
export function manifestsToYaml(manifests: readonly KubernetesManifest[]): Map<string, string> {
  const byFile = new Map<string, KubernetesManifest[]>();
  for (const m of manifests) {
    const file = `${m.metadata.namespace ?? m.metadata.name}.yaml`;
    byFile.set(file, [...(byFile.get(file) ?? []), m]);
  }
  const files = new Map<string, string>();
  for (const file of [...byFile.keys()].sort()) {
    files.set(file, byFile.get(file)!.map((m) => stringify(m, YAML_OPTIONS)).join("---\n"));
  }
  return files;
}
