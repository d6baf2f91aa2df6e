import { ErrorSource, ValidationError } from "../core/errors";
import type { GraphDocument } from "../../policies/shared/service-graph";
import { ResolvedWorkload, checkPlatform, isDnsLabel, isLabelValue, checkPodSecurityVersion, checkResources, quantityOf, resolveWorkloads } from "./check";
import { PART_OF_LABEL } from "./identity";
import type { KubernetesManifest } from "./manifest";
import { NodeAddresses, allowDnsPolicy, allowIstiodPolicy, allowPodIdentityAgentPolicy, defaultDenyPolicy, edgePolicies } from "./network-policies";
import { formatCpu, formatMemory, parseQuantity } from "./quantity";
import { deploymentManifest, serviceAccountManifest, serviceManifest } from "./workload-manifests";
import { DEFAULT_WORKLOAD_RESOURCES, KubernetesWorkload, WorkloadResources } from "./workload";

/** Pod Security Standards version the namespaces pin when none is given. */
export const DEFAULT_POD_SECURITY_VERSION = "v1.33";

/** Name of each namespace's ResourceQuota. */
export const QUOTA_NAME = "quota";
/** Name of each namespace's LimitRange. */
export const LIMIT_RANGE_NAME = "limits";

/** A CPU and a memory quantity for every container of a namespace. */
export interface ContainerQuantities {
  /** CPU, e.g. `"500m"`. */
  readonly cpu: string;
  /** Memory, e.g. `"256Mi"`. */
  readonly memory: string;
}

/** Container limits a namespace's LimitRange sets. */
export interface LimitRangeOptions {
  /**
   * Limits of a container that names none.
   *
   * @default - the limits of DEFAULT_WORKLOAD_RESOURCES (CPU 500m, memory 256Mi)
   */
  readonly default?: ContainerQuantities;
  /**
   * Requests of a container that names none.
   *
   * @default - the requests of DEFAULT_WORKLOAD_RESOURCES (CPU 100m, memory 128Mi)
   */
  readonly defaultRequest?: ContainerQuantities;
  /**
   * Largest limits a container of the namespace may have; every workload's limits must fit.
   *
   * @default - no maximum
   */
  readonly max?: ContainerQuantities;
}

/** Options of {@link kubernetesManifests}. */
export interface KubernetesManifestOptions {
  /**
   * Platform name, the value of every object's `app.kubernetes.io/part-of` label.
   *
   * @default - the graph's platform, with each character a label value cannot hold replaced by "-"
   */
  readonly platform?: string;
  /**
   * Pod Security Standards version pinned by each namespace's `pod-security.kubernetes.io/*-version` labels.
   *
   * @default DEFAULT_POD_SECURITY_VERSION
   */
  readonly podSecurityVersion?: string;
  /**
   * Entries of each namespace's ResourceQuota (`requests.cpu`, `limits.memory`, `pods`, ...), over the computed ones.
   * A cpu, memory or pods entry smaller than what the namespace's workloads need during a rollout is refused.
   *
   * @default - what the namespace's workloads need with one extra pod per Deployment during a rollout, and no LoadBalancer or NodePort Services
   */
  readonly quota?: Readonly<Record<string, string>>;
  /**
   * Container defaults and maximums of each namespace's LimitRange.
   *
   * @default - defaults from DEFAULT_WORKLOAD_RESOURCES, no maximum
   */
  readonly limitRange?: LimitRangeOptions;
  /**
   * Address blocks of the graph's nodes that do not run on Kubernetes and that a Kubernetes service calls (EC2
   * services by name, their tier's subnets; platform nodes such as `platform:s3`) or that call one (gateways, the
   * subnets of their load balancer): a map from node id, or a function of the node id.
   *
   * @default - none: an edge between a Kubernetes service and such a node is a ValidationError naming the node
   */
  readonly cidrs?: NodeAddresses;
  /**
   * The VPC's address block: the destination of the platform edges to the VPC interface endpoints on 443.
   *
   * @default - none: give the endpoints' blocks in `cidrs`
   */
  readonly vpcCidr?: string;
  /**
   * The Istio control plane the pods' sidecars come from: with it, each namespace has sidecar injection on
   * (`istio-injection: enabled`, or `istio.io/rev`) and gets `allow-istiod`, an egress policy to istiod on TCP 15012. Set it when the namespaces run Istio sidecars (MeshPolicies): under default-deny egress a
   * sidecar without it gets no configuration and no certificate, and its pod never becomes ready. The quotas then
   * count each pod's sidecar too. Under Pod Security `restricted`, Istio must run with its CNI plugin: the
   * `istio-init` container it injects otherwise needs NET_ADMIN and NET_RAW, which `restricted` refuses.
   *
   * @default - no Istio sidecars: no policy toward istiod
   */
  readonly istio?: IstioControlPlane;
  /**
   * Whether the pods fetch AWS credentials from the EKS Pod Identity agent: each namespace then gets
   * `allow-eks-pod-identity-agent`, egress to 169.254.170.23 and fd00:ec2::23 on TCP 80. Turn it off only when no pod
   * of the namespaces gets AWS credentials that way.
   *
   * @default true
   */
  readonly podIdentityAgent?: boolean;
}

/** Where istiod runs. */
export interface IstioControlPlane {
  /**
   * Namespace of istiod.
   *
   * @default "istio-system"
   */
  readonly namespace?: string;
  /**
   * Istio revision the namespaces' sidecars come from: the namespaces get `istio.io/rev: <revision>` instead of
   * `istio-injection: enabled`.
   *
   * @default - the default revision (`istio-injection: enabled`)
   */
  readonly revision?: string;
  /**
   * Labels of the istiod pods.
   *
   * @default - { app: "istiod" }, plus `istio.io/rev: <revision>` with a revision
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Requests and limits of the sidecar Istio injects into each pod, which the namespace's quota must also hold.
   *
   * @default ISTIO_SIDECAR_RESOURCES (Istio's default proxy resources)
   */
  readonly sidecarResources?: WorkloadResources;
}

/** Istio's default sidecar resources (`global.proxy.resources`): CPU 100m to 2000m, memory 128Mi to 1024Mi. */
export const ISTIO_SIDECAR_RESOURCES: WorkloadResources = {
  cpu: { request: "100m", limit: "2000m" },
  memory: { request: "128Mi", limit: "1024Mi" },
};

/**
 * The Kubernetes manifests of the graph's services that run on Kubernetes, built from the graph and their workload
 * specs alone (pure and deterministic). Per team namespace: the Namespace with Pod Security Admission `restricted`
 * enforced, audited and warned at a pinned version; its `default` ServiceAccount without token automount; a
 * ResourceQuota and a LimitRange; a default-deny NetworkPolicy for ingress and egress and one allowing DNS to kube-dns
 * (and one allowing istiod, with the `istio` option).
 * Per service: its own ServiceAccount, a hardened Deployment and a ClusterIP Service. Per edge: an ingress rule on the
 * callee and an egress rule on the caller, on the edge's exact port (see {@link edgePolicies}).
 *
 * Throws a ValidationError for a workload that does not fit the graph or is unsafe, and for an edge between a
 * Kubernetes service and a node it cannot admit or reach.
 */
export function kubernetesManifests(graph: GraphDocument, workloads: readonly KubernetesWorkload[], options: KubernetesManifestOptions = {}): KubernetesManifest[] {
  const platform = options.platform ?? defaultPlatform(graph.platform);
  return buildManifests({ kind: "KubernetesManifests", id: platform, path: platform }, graph, workloads, { ...options, platform });
}

/** {@link kubernetesManifests} with errors attributed to `source` (a construct). */
export function buildManifests(source: ErrorSource, graph: GraphDocument, workloads: readonly KubernetesWorkload[], options: KubernetesManifestOptions & { readonly platform: string }): KubernetesManifest[] {
  const { platform } = options;
  checkPlatform(source, platform);
  const version = options.podSecurityVersion ?? DEFAULT_POD_SECURITY_VERSION;
  checkPodSecurityVersion(source, version);
  const limits = limitRangeOf(source, options.limitRange);
  const istio = istioOf(source, options.istio);
  const resolved = resolveWorkloads(source, graph, workloads);
  checkMaximum(source, resolved, limits.max, istio);
  const byNamespace = groupBy(resolved, (w) => w.namespace);
  const out: KubernetesManifest[] = [];
  for (const namespace of [...byNamespace.keys()].sort()) {
    const members = byNamespace.get(namespace)!.sort((a, b) => (a.service < b.service ? -1 : 1));
    out.push(
      namespaceManifest(namespace, platform, version, istio ? (istio.revision ?? "") : undefined),
      defaultServiceAccount(namespace, platform),
      quotaManifest(source, namespace, platform, members, options.quota, istio?.sidecarResources),
      limitRangeManifest(namespace, platform, limits),
      defaultDenyPolicy(namespace, platform),
      allowDnsPolicy(namespace, platform),
      ...(options.podIdentityAgent === false ? [] : [allowPodIdentityAgentPolicy(namespace, platform)]),
      ...(istio ? [allowIstiodPolicy(namespace, platform, istio.namespace, istio.podLabels)] : []),
    );
    for (const w of members) out.push(serviceAccountManifest(w, platform), deploymentManifest(w, platform), serviceManifest(w, platform));
  }
  const policies = edgePolicies(graph, { source, platform, workloads: new Map(resolved.map((w) => [w.service, w])), cidrs: options.cidrs, vpcCidr: options.vpcCidr });
  for (const namespace of [...byNamespace.keys()].sort()) out.push(...policies.filter((p) => p.metadata.namespace === namespace));
  return out;
}

type Istio = Required<Omit<IstioControlPlane, "revision">> & Pick<IstioControlPlane, "revision">;

function istioOf(source: ErrorSource, given: IstioControlPlane | undefined): Istio | undefined {
  if (!given) return undefined;
  const { revision } = given;
  if (revision !== undefined && !isLabelValue(revision)) {
    throw new ValidationError(source, "istio.revision", `istio.revision "${revision}" cannot be a label value; use the revision name istiod was installed with, such as "1-24".`);
  }
  const namespace = given.namespace ?? "istio-system";
  const podLabels = given.podLabels ?? { app: "istiod", ...(revision ? { "istio.io/rev": revision } : {}) };
  const sidecarResources = given.sidecarResources ?? ISTIO_SIDECAR_RESOURCES;
  if (!isDnsLabel(namespace)) throw new ValidationError(source, "istio.namespace", `istio.namespace "${namespace}" is not a DNS label; name the namespace istiod runs in, such as "istio-system".`);
  if (Object.keys(podLabels).length === 0) throw new ValidationError(source, "istio.podLabels", 'istio.podLabels selects no pods, so the policy would reach every pod of istiod\'s namespace; give istiod\'s labels, such as { app: "istiod" }.');
  checkResources(source, "istio.sidecarResources", sidecarResources);
  return { namespace, podLabels, sidecarResources, revision };
}

/** The graph's platform name as a label value: `zt-platform/services` -> `zt-platform-services`. */
export function defaultPlatform(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "").slice(0, 63).replace(/[^A-Za-z0-9]+$/, "");
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

/**
 * The team namespace, Pod Security Admission `restricted` enforced, audited and warned, each at the pinned version; in
 * the mesh when Istio's `revision` is given (`""` for the default revision).
 */
export function namespaceManifest(namespace: string, platform: string, version: string, revision?: string): KubernetesManifest {
  const labels: Record<string, string> = { [PART_OF_LABEL]: platform };
  for (const mode of ["enforce", "audit", "warn"]) {
    labels[`pod-security.kubernetes.io/${mode}`] = "restricted";
    labels[`pod-security.kubernetes.io/${mode}-version`] = version;
  }
  if (revision === "") labels["istio-injection"] = "enabled";
  else if (revision !== undefined) labels["istio.io/rev"] = revision;
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace, labels } };
}

/** The namespace's `default` ServiceAccount, which no workload uses, with token automount off. */
export function defaultServiceAccount(namespace: string, platform: string): KubernetesManifest {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "default", namespace, labels: { [PART_OF_LABEL]: platform } },
    automountServiceAccountToken: false,
  };
}

/**
 * What the namespace's workloads (whose quantities are checked) need with one extra pod per Deployment (the rollout
 * surge), each pod holding its container and, with Istio, its sidecar.
 */
function neededQuota(members: readonly ResolvedWorkload[], sidecar: WorkloadResources | undefined): Record<string, number> {
  const need: Record<string, number> = { "requests.cpu": 0, "requests.memory": 0, "limits.cpu": 0, "limits.memory": 0, pods: 0 };
  for (const w of members) {
    const pods = w.replicas + 1;
    need.pods += pods;
    for (const resources of sidecar ? [w.resources, sidecar] : [w.resources]) {
      need["requests.cpu"] += pods * parseQuantity(resources.cpu.request)!;
      need["requests.memory"] += pods * parseQuantity(resources.memory.request)!;
      need["limits.cpu"] += pods * parseQuantity(resources.cpu.limit)!;
      need["limits.memory"] += pods * parseQuantity(resources.memory.limit)!;
    }
  }
  return need;
}

function formatNeed(key: string, value: number): string {
  if (key.endsWith(".cpu")) return formatCpu(value);
  if (key.endsWith(".memory")) return formatMemory(value);
  return String(value);
}

/**
 * The namespace's ResourceQuota: by default exactly what its workloads need during a rollout, and no LoadBalancer or
 * NodePort Services (a team namespace is reached through the mesh and the gateway, never from outside directly).
 */
function quotaManifest(
  source: ErrorSource,
  namespace: string,
  platform: string,
  members: readonly ResolvedWorkload[],
  given: Readonly<Record<string, string>> | undefined,
  sidecar: WorkloadResources | undefined,
): KubernetesManifest {
  const need = neededQuota(members, sidecar);
  const hard: Record<string, string> = { "services.loadbalancers": "0", "services.nodeports": "0" };
  for (const [key, value] of Object.entries(need)) hard[key] = formatNeed(key, value);
  for (const [key, text] of Object.entries(given ?? {})) {
    const value = quantityOf(source, `quota.${key}`, text);
    if (need[key] !== undefined && value < need[key]) {
      throw new ValidationError(source, `quota.${key}`, `quota.${key} is ${text}, but the workloads of namespace "${namespace}" need ${formatNeed(key, need[key])} during a rollout; raise it or leave it out.`);
    }
    hard[key] = text;
  }
  const sorted = Object.fromEntries(Object.keys(hard).sort().map((k) => [k, hard[k]]));
  return { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: QUOTA_NAME, namespace, labels: { [PART_OF_LABEL]: platform } }, spec: { hard: sorted } };
}

interface Limits {
  readonly default: { readonly cpu: string; readonly memory: string };
  readonly defaultRequest: { readonly cpu: string; readonly memory: string };
  readonly max?: ContainerQuantities;
}

function limitRangeOf(source: ErrorSource, given: LimitRangeOptions | undefined): Limits {
  const limits: Limits = {
    default: given?.default ?? { cpu: DEFAULT_WORKLOAD_RESOURCES.cpu.limit, memory: DEFAULT_WORKLOAD_RESOURCES.memory.limit },
    defaultRequest: given?.defaultRequest ?? { cpu: DEFAULT_WORKLOAD_RESOURCES.cpu.request, memory: DEFAULT_WORKLOAD_RESOURCES.memory.request },
    max: given?.max,
  };
  const asResources = (limit: ContainerQuantities, request: ContainerQuantities): WorkloadResources => ({
    cpu: { request: request.cpu, limit: limit.cpu },
    memory: { request: request.memory, limit: limit.memory },
  });
  checkResources(source, "limitRange", asResources(limits.default, limits.defaultRequest));
  if (limits.max) checkResources(source, "limitRange.max", asResources(limits.max, limits.default));
  return limits;
}

/** Throws unless every workload's limits, and the sidecar's, fit the LimitRange's maximum. */
function checkMaximum(source: ErrorSource, workloads: readonly ResolvedWorkload[], max: Limits["max"], istio: Istio | undefined): void {
  if (!max) return;
  const containers = workloads.map((w) => ({ at: `workloads[${w.index}].resources`, resources: w.resources }));
  if (istio) containers.push({ at: "istio.sidecarResources", resources: istio.sidecarResources });
  for (const { at, resources } of containers) {
    for (const kind of ["cpu", "memory"] as const) {
      if (quantityOf(source, `limitRange.max.${kind}`, max[kind]) < parseQuantity(resources[kind].limit)!) {
        throw new ValidationError(source, `${at}.${kind}.limit`, `${at}.${kind}.limit ${resources[kind].limit} is above the namespace's maximum ${max[kind]} (limitRange.max.${kind}); the pods would be refused.`);
      }
    }
  }
}

/** The namespace's LimitRange: default requests and limits of containers that name none, and the maximum if one is set. */
function limitRangeManifest(namespace: string, platform: string, limits: Limits): KubernetesManifest {
  return {
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: { name: LIMIT_RANGE_NAME, namespace, labels: { [PART_OF_LABEL]: platform } },
    spec: {
      limits: [
        {
          type: "Container",
          default: { ...limits.default },
          defaultRequest: { ...limits.defaultRequest },
          ...(limits.max ? { max: { ...limits.max } } : {}),
        },
      ],
    },
  };
}
