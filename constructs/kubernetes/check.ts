import { ErrorSource, ValidationError } from "../core/errors";
import { serviceNameProblem } from "../identity/validate";
import { closest } from "../service/check";
import type { GraphDocument, GraphService } from "../../policies/shared/service-graph";
import { serviceAccountName } from "./identity";
import { DIGEST_IMAGE, DNS_LABEL, ENV_NAME, RESERVED_NAMESPACES } from "./names";
import { parseQuantity } from "./quantity";
import { DEFAULT_REPLICAS, DEFAULT_WORKLOAD_RESOURCES, KubernetesPort, KubernetesWorkload, ResourceQuantity, WorkloadResources } from "./workload";

/** A workload whose defaults are filled in and whose spec was checked against the graph. */
export interface ResolvedWorkload extends KubernetesWorkload {
  /** The service's own ServiceAccount (the service name unless the spec names one). */
  readonly serviceAccount: string;
  /** Number of pods. */
  readonly replicas: number;
  /** Requests and limits of the container. */
  readonly resources: WorkloadResources;
  /** Place of the workload in the list it was given in, for error messages. */
  readonly index: number;
}

const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;
const PSA_VERSION = /^v1\.\d+$/;

/** Runtime kind of a graph service on EC2 host groups, which has no Kubernetes workload. */
const EC2_RUNTIME = "ec2";

export { RESERVED_NAMESPACES };

/** True when `value` is an RFC 1123 DNS label (lowercase letters, digits and hyphens, at most 63 characters). */
export function isDnsLabel(value: unknown): value is string {
  return typeof value === "string" && DNS_LABEL.test(value);
}

/** True when `value` can be a Kubernetes label value (at most 63 characters of letters, digits, `-`, `_` and `.`). */
export function isLabelValue(value: unknown): value is string {
  return typeof value === "string" && LABEL_VALUE.test(value);
}

/** Throws unless the Pod Security Admission version is pinned (`v1.33`; `latest` follows the cluster and is refused). */
export function checkPodSecurityVersion(source: ErrorSource, version: string): void {
  if (!PSA_VERSION.test(version)) {
    throw new ValidationError(source, "podSecurityVersion", `podSecurityVersion "${version}" is not a pinned Kubernetes minor version; use one such as "v1.33" (not "latest", which changes the standard under running workloads).`);
  }
}

/** Throws unless the platform name can be the value of the `app.kubernetes.io/part-of` label. */
export function checkPlatform(source: ErrorSource, platform: string): void {
  if (!isLabelValue(platform)) {
    throw new ValidationError(source, "platform", `platform "${platform}" cannot be a label value; use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`);
  }
}

/**
 * Checks every workload against the graph and fills in its defaults: one workload per service of the graph, a team
 * namespace that is a DNS label, an own ServiceAccount, an image pinned by digest, the service's ports exactly as the
 * graph declares them, valid requests and limits and plain environment variables. Throws the first problem.
 */
export function resolveWorkloads(source: ErrorSource, graph: GraphDocument, workloads: readonly KubernetesWorkload[]): ResolvedWorkload[] {
  if (!Array.isArray(workloads)) throw new ValidationError(source, "workloads", "needs workloads, a list of Kubernetes workload specs.");
  const services = new Map(graph.services.map((s) => [s.name, s]));
  const seen = new Map<string, number>();
  const accounts = new Map<string, string>();
  return workloads.map((w, index) => {
    const at = `workloads[${index}]`;
    const service = checkService(source, at, w, services, seen, index);
    checkNamespace(source, at, w.namespace);
    const account = serviceAccountName(w);
    checkServiceAccount(source, at, w, account, accounts);
    checkImage(source, at, w);
    checkReplicas(source, at, w.replicas);
    checkUser(source, at, w.runAsUser);
    checkPorts(source, at, w.ports, service);
    const resources = w.resources ?? DEFAULT_WORKLOAD_RESOURCES;
    checkResources(source, `${at}.resources`, resources);
    checkEnv(source, `${at}.env`, w.env);
    checkProbes(source, `${at}.probes`, w);
    return { ...w, serviceAccount: account, replicas: w.replicas ?? DEFAULT_REPLICAS, resources, index };
  });
}

function checkService(source: ErrorSource, at: string, w: KubernetesWorkload, services: Map<string, GraphService>, seen: Map<string, number>, index: number): GraphService {
  const problem = serviceNameProblem(w.service);
  if (problem) throw new ValidationError(source, `${at}.service`, `${at}.service "${w.service}" ${problem}.`);
  const service = services.get(w.service);
  if (!service) {
    const near = closest(w.service, [...services.keys()]);
    const hint = near ? `did you mean "${near}"?` : `the graph declares ${[...services.keys()].join(", ") || "no services"}.`;
    throw new ValidationError(source, `${at}.service`, `${at}.service "${w.service}" is not a service of the graph; ${hint}`);
  }
  if (service.runtime?.kind === EC2_RUNTIME) {
    throw new ValidationError(source, `${at}.service`, `service "${w.service}" runs on ${EC2_RUNTIME} in the graph; declare its runtime as Kubernetes, or leave out its workload (a service runs on one runtime, with one identity).`);
  }
  const first = seen.get(w.service);
  if (first !== undefined) {
    throw new ValidationError(source, `${at}.service`, `service "${w.service}" has a workload at workloads[${first}] and another at ${at}; give each service one workload.`);
  }
  seen.set(w.service, index);
  return service;
}

function checkNamespace(source: ErrorSource, at: string, namespace: string): void {
  if (!isDnsLabel(namespace)) {
    throw new ValidationError(source, `${at}.namespace`, `${at}.namespace "${namespace}" is not a DNS label; use at most 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit, such as "orders".`);
  }
  if (RESERVED_NAMESPACES.includes(namespace)) {
    throw new ValidationError(source, `${at}.namespace`, `${at}.namespace "${namespace}" belongs to Kubernetes itself; put the service in its team's own namespace.`);
  }
}

function checkServiceAccount(source: ErrorSource, at: string, w: KubernetesWorkload, account: string, accounts: Map<string, string>): void {
  if (typeof account !== "string" || !DNS_SUBDOMAIN.test(account)) {
    throw new ValidationError(source, `${at}.serviceAccount`, `${at}.serviceAccount "${account}" is not a valid ServiceAccount name; use lowercase letters, digits, "-" and ".".`);
  }
  if (account === "default") {
    throw new ValidationError(source, `${at}.serviceAccount`, `${at}.serviceAccount is "default", the account every pod of the namespace gets; leave it out so the service gets its own account.`);
  }
  const key = `${w.namespace}/${account}`;
  const owner = accounts.get(key);
  if (owner !== undefined) {
    throw new ValidationError(source, `${at}.serviceAccount`, `services "${owner}" and "${w.service}" share the ServiceAccount ${key}; each service needs its own, or their identities merge.`);
  }
  accounts.set(key, w.service);
}

function checkImage(source: ErrorSource, at: string, w: KubernetesWorkload): void {
  if (typeof w.image !== "string" || !DIGEST_IMAGE.test(w.image)) {
    throw new ValidationError(source, `${at}.image`, `${at}.image "${w.image}" is not pinned by digest; a tag can be moved to other content. Use "<repository>@sha256:<64 hex digits>" (e.g. from \`docker buildx imagetools inspect\`).`);
  }
}

function checkReplicas(source: ErrorSource, at: string, replicas: number | undefined): void {
  if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 1)) {
    throw new ValidationError(source, `${at}.replicas`, `${at}.replicas is ${JSON.stringify(replicas)}; use a whole number of at least 1.`);
  }
}

function checkUser(source: ErrorSource, at: string, user: number | undefined): void {
  if (user !== undefined && (!Number.isInteger(user) || user < 1)) {
    throw new ValidationError(source, `${at}.runAsUser`, `${at}.runAsUser is ${JSON.stringify(user)}; use a non-root numeric user id (1 or more).`);
  }
}

function portText(p: { readonly name: string; readonly port: number; readonly protocol: string }): string {
  return `${p.name} ${p.port}/${p.protocol}`;
}

function checkPorts(source: ErrorSource, at: string, ports: readonly KubernetesPort[], service: GraphService): void {
  const declared = service.ports.map(portText).sort();
  const given = Array.isArray(ports) ? ports.map(portText).sort() : [];
  if (declared.join(",") !== given.join(",")) {
    throw new ValidationError(source, `${at}.ports`, `${at}.ports (${given.join(", ") || "none"}) differ from the ports the graph declares for "${service.name}" (${declared.join(", ") || "none"}); list exactly the declared ports.`);
  }
}

/** Throws unless CPU and memory each have a valid request no larger than a valid limit. */
export function checkResources(source: ErrorSource, at: string, resources: WorkloadResources): void {
  for (const kind of ["cpu", "memory"] as const) {
    const pair: ResourceQuantity | undefined = resources?.[kind];
    if (!pair) throw new ValidationError(source, `${at}.${kind}`, `${at} has no ${kind}; give both a request and a limit.`);
    const request = quantityOf(source, `${at}.${kind}.request`, pair.request);
    const limit = quantityOf(source, `${at}.${kind}.limit`, pair.limit);
    if (request > limit) {
      throw new ValidationError(source, `${at}.${kind}`, `${at}.${kind} requests ${pair.request}, more than its limit ${pair.limit}; a request may not exceed the limit.`);
    }
  }
}

/** The value of a quantity, or a ValidationError naming `prop`. */
export function quantityOf(source: ErrorSource, prop: string, text: unknown): number {
  const value = parseQuantity(text);
  if (value === undefined || value <= 0) {
    throw new ValidationError(source, prop, `${prop} ${JSON.stringify(text)} is not a positive Kubernetes quantity; use one such as "250m" or "1" (CPU) or "256Mi" (memory).`);
  }
  return value;
}

function checkProbes(source: ErrorSource, at: string, w: KubernetesWorkload): void {
  for (const [kind, probe] of Object.entries(w.probes ?? {})) {
    if (!probe) continue;
    const port = w.ports.find((p) => p.name === probe.port);
    if (!port) {
      throw new ValidationError(source, `${at}.${kind}.port`, `${at}.${kind} probes a port "${probe.port}" the workload does not serve; use one of ${w.ports.map((p) => p.name).join(", ")}.`);
    }
    if (port.protocol === "udp") throw new ValidationError(source, `${at}.${kind}.port`, `${at}.${kind}: port "${port.name}" is UDP, which the kubelet cannot probe; probe a TCP, HTTP or gRPC port.`);
    if (probe.path !== undefined && !probe.path.startsWith("/")) throw new ValidationError(source, `${at}.${kind}.path`, `${at}.${kind}: path "${probe.path}" must start with "/".`);
  }
}

function checkEnv(source: ErrorSource, at: string, env: Readonly<Record<string, string>> | undefined): void {
  for (const [name, value] of Object.entries(env ?? {})) {
    if (!ENV_NAME.test(name)) throw new ValidationError(source, at, `${at} has the variable name "${name}", which Kubernetes refuses; use letters, digits, "_", "-" and ".", not starting with a digit.`);
    if (typeof value !== "string") throw new ValidationError(source, `${at}.${name}`, `${at}.${name} is not a string; environment variables hold plain text values only.`);
  }
}
