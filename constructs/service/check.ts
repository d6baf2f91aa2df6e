import { HTTP_METHODS, SERVICE_PORT_PROTOCOLS } from "../../policies/shared/service-graph";
import { DIGEST_IMAGE, DNS_LABEL, ENV_NAME, RESERVED_NAMESPACES } from "../kubernetes/names";
import { parseQuantity } from "../kubernetes/quantity";
import { KubernetesRuntimeDeclaration, PlatformDeclaration, ServiceDeclaration } from "./declaration";

/**
 * Checks of a declaration that need nothing but the declaration: names, ports, calls and their constraints. The
 * ServicePlatform construct runs them (and adds the checks that need the network); a catalog file runs them after its
 * schema, so both report the same problems with the same paths.
 */

/** One problem of a declaration. */
export interface DeclarationProblem {
  /** Where in the declaration: `services[2].calls[0]`, `services[1].ports[0].port`. */
  readonly path: string;
  /**
   * Name of the service the problem is in.
   *
   * @default - the problem is not in one service (e.g. an empty list)
   */
  readonly service?: string;
  /** The problem and its fix, e.g. `calls "paymnts", which is not a service of the platform; did you mean "payments"?`. */
  readonly message: string;
}

/** A DNS label of at most 32 characters: lower-case letters, digits and hyphens, starting with a letter. */
export const SERVICE_NAME = /^[a-z](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
/** A port or destination name: a DNS label of at most 15 characters (a Kubernetes port name). */
export const PORT_NAME = /^[a-z](?:[a-z0-9-]{0,13}[a-z0-9])?$/;
/** An HTTP path prefix: starts with `/`, no spaces, wildcards, query or fragment. */
export const PATH_PREFIX = /^\/[A-Za-z0-9._~!$&'()+,;=:@%/-]*$/;

/** A gateway route path: `/`, or segments of unreserved characters or one `{parameter}`; `{name+}` only last. */
export const ROUTE_PATH = /^\/(?:(?:[A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\+?\})(?:\/(?:[A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\+?\}))*)?$/;
/** A required request parameter as API Gateway names it. */
export const REQUEST_PARAMETER = /^method\.request\.(?:querystring|header)\.[A-Za-z0-9._-]+$/;

/** A DNS name of labels separated by dots, lower case, without a wildcard or a trailing dot. */
export const DNS_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
export { DIGEST_IMAGE, DNS_LABEL };
/** Runtime kind of services on the platform's EKS cluster. */
export const KUBERNETES_RUNTIME = "kubernetes";

/** True when the service runs on the platform's EKS cluster. */
export function runsOnKubernetes(service: ServiceDeclaration): service is ServiceDeclaration & { readonly runtime: KubernetesRuntimeDeclaration } {
  return service.runtime?.kind === KUBERNETES_RUNTIME;
}

/** Tier of the network a service runs in: an EC2 service's `tier` (private by default); Kubernetes nodes run in the private tier. */
export function tierOf(service: ServiceDeclaration): "private" | "isolated" {
  return service.runtime?.kind === "ec2" ? (service.runtime.tier ?? "private") : "private";
}

/** Every problem of `declaration`, in declaration order. Empty when it is sound. */
export function checkDeclaration(declaration: PlatformDeclaration): DeclarationProblem[] {
  const problems: DeclarationProblem[] = [];
  const services = declaration.services ?? [];
  if (services.length === 0) problems.push({ path: "services", message: "declares no service; add at least one to services." });
  const byName = new Map<string, ServiceDeclaration>();
  services.forEach((service, i) => {
    const at = `services[${i}]`;
    if (!SERVICE_NAME.test(service.name ?? "")) {
      problems.push({ path: `${at}.name`, service: service.name, message: `name ${JSON.stringify(service.name)} is not a DNS label of at most 32 characters; use lower-case letters, digits and hyphens, starting with a letter.` });
    } else if (byName.has(service.name)) {
      problems.push({ path: `${at}.name`, service: service.name, message: `is declared twice (services[${services.indexOf(byName.get(service.name)!)}] and ${at}); give each service a name of its own or merge the two.` });
    } else {
      byName.set(service.name, service);
    }
    checkPorts(service, at, problems);
    if (runsOnKubernetes(service)) checkKubernetesRuntime(service, at, problems);
  });
  const routes = new Map<string, string>();
  services.forEach((service, i) => {
    const at = `services[${i}]`;
    checkCalls(service, at, byName, problems);
    checkRoutes(service, at, routes, problems);
    checkSecrets(service, at, problems);
    checkExternal(service, at, problems);
  });
  return problems;
}

/** The message of a problem as a construct names it: `service "orders" (services[0].calls[1]): ...`. */
export function problemText(p: DeclarationProblem): string {
  return p.service !== undefined && SERVICE_NAME.test(p.service) ? `service "${p.service}" (${p.path}) ${p.message}` : `${p.path}: ${p.message}`;
}

function checkPorts(service: ServiceDeclaration, at: string, problems: DeclarationProblem[]): void {
  const ports = service.ports ?? [];
  if (ports.length === 0 && (service.runtime?.kind ?? "ec2") === "ec2") {
    // A service without ports is a valid client (a worker that only calls others).
    return;
  }
  const names = new Set<string>();
  const numbers = new Map<string, string>();
  ports.forEach((p, j) => {
    const path = `${at}.ports[${j}]`;
    if (!PORT_NAME.test(p.name ?? "")) {
      problems.push({ path: `${path}.name`, service: service.name, message: `has a port named ${JSON.stringify(p.name)}; name ports with a DNS label of at most 15 characters (e.g. "https").` });
    } else if (names.has(p.name)) {
      problems.push({ path: `${path}.name`, service: service.name, message: `declares the port name "${p.name}" twice; give each port a name of its own.` });
    }
    names.add(p.name);
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      problems.push({ path: `${path}.port`, service: service.name, message: `port "${p.name}" has number ${JSON.stringify(p.port)}; use an integer from 1 to 65535.` });
    }
    if (!SERVICE_PORT_PROTOCOLS.includes(p.protocol)) {
      problems.push({ path: `${path}.protocol`, service: service.name, message: `port "${p.name}" has protocol ${JSON.stringify(p.protocol)}; use one of ${SERVICE_PORT_PROTOCOLS.join(", ")}.` });
    }
    const transport = p.protocol === "udp" ? "udp" : "tcp";
    const key = `${transport}/${p.port}`;
    const other = numbers.get(key);
    if (other !== undefined) {
      problems.push({ path: `${path}.port`, service: service.name, message: `ports "${other}" and "${p.name}" are both ${transport.toUpperCase()} ${p.port}; declare each port number once.` });
    }
    numbers.set(key, p.name);
  });
}

function checkCalls(service: ServiceDeclaration, at: string, byName: ReadonlyMap<string, ServiceDeclaration>, problems: DeclarationProblem[]): void {
  const seen = new Set<string>();
  (service.calls ?? []).forEach((call, k) => {
    const path = `${at}.calls[${k}]`;
    const callee = byName.get(call.service);
    if (call.service === service.name) {
      problems.push({ path, service: service.name, message: `calls itself; a service reaches its own hosts without a declared call, remove this call.` });
      return;
    }
    if (!callee) {
      const near = closest(call.service, [...byName.keys()]);
      problems.push({
        path,
        service: service.name,
        message: `calls ${JSON.stringify(call.service)}, which is not a service of the platform; ${near ? `did you mean "${near}"?` : "declare it in services or remove the call."}`,
      });
      return;
    }
    const port = (callee.ports ?? []).find((p) => p.name === call.port);
    if (!port) {
      const names = (callee.ports ?? []).map((p) => `"${p.name}"`);
      problems.push({
        path: `${path}.port`,
        service: service.name,
        message: `calls port ${JSON.stringify(call.port)} of "${callee.name}", which declares ${names.length ? `only ${names.join(", ")}` : "no ports"}; name one of its ports${names.length ? "" : " or declare the port on it"}.`,
      });
      return;
    }
    if (runsOnKubernetes(callee) && !runsOnKubernetes(service)) {
      problems.push({
        path,
        service: service.name,
        message: `runs on ${service.runtime?.kind ?? "ec2"} and calls "${callee.name}", which runs on Kubernetes in the mesh: the mesh admits only callers with a mesh identity (STRICT mutual TLS), which a host outside the cluster cannot present; run "${service.name}" on Kubernetes too, or "${callee.name}" on EC2.`,
      });
    }
    const key = `${call.service}/${call.port}`;
    if (seen.has(key)) {
      problems.push({ path, service: service.name, message: `calls port "${call.port}" of "${call.service}" twice; merge the two calls (their methods and paths together).` });
    }
    seen.add(key);
    const l7 = port.protocol === "http" || port.protocol === "grpc";
    if (!l7 && (call.methods?.length || call.paths?.length)) {
      problems.push({
        path: `${path}.${call.methods?.length ? "methods" : "paths"}`,
        service: service.name,
        message: `limits its call to "${callee.name}" port "${port.name}" by HTTP methods or paths, but that port is ${port.protocol.toUpperCase()}, where no layer can enforce them; remove methods and paths or declare the port as http or grpc.`,
      });
    }
    (call.methods ?? []).forEach((m, n) => {
      if (!HTTP_METHODS.includes(m)) {
        problems.push({ path: `${path}.methods[${n}]`, service: service.name, message: `names the HTTP method ${JSON.stringify(m)}; use one of ${HTTP_METHODS.join(", ")} (upper case).` });
      }
    });
    (call.paths ?? []).forEach((p, n) => {
      if (typeof p !== "string" || !PATH_PREFIX.test(p)) {
        problems.push({ path: `${path}.paths[${n}]`, service: service.name, message: `names the path prefix ${JSON.stringify(p)}; a prefix starts with "/" and has no spaces, wildcards, query or fragment.` });
      }
    });
  });
}

function checkRoutes(service: ServiceDeclaration, at: string, seen: Map<string, string>, problems: DeclarationProblem[]): void {
  (service.routes ?? []).forEach((route, k) => {
    const path = `${at}.routes[${k}]`;
    if (runsOnKubernetes(service)) {
      problems.push({
        path,
        service: service.name,
        message: `runs on Kubernetes and declares the route ${route.method} ${route.path}: the gateway's private integration reaches EC2 host groups, and a mesh service admits no caller without a mesh identity; serve the route from an EC2 service that calls "${service.name}", or run "${service.name}" on EC2.`,
      });
    }
    const port = (service.ports ?? []).find((p) => p.name === route.port);
    if (!port) {
      const names = (service.ports ?? []).map((p) => `"${p.name}"`).join(", ") || "none";
      problems.push({ path: `${path}.port`, service: service.name, message: `routes ${route.method} ${route.path} to port ${JSON.stringify(route.port)}, which the service does not declare (its ports: ${names}); name one of its ports.` });
    } else if (port.protocol !== "http" && port.protocol !== "grpc") {
      problems.push({ path: `${path}.port`, service: service.name, message: `routes ${route.method} ${route.path} to port "${port.name}", which is ${port.protocol.toUpperCase()}; a gateway forwards HTTP only: route to an http or grpc port.` });
    }
    if (typeof route.path !== "string" || !ROUTE_PATH.test(route.path) || /\+\}./.test(route.path)) {
      problems.push({ path: `${path}.path`, service: service.name, message: `has the route path ${JSON.stringify(route.path)}; a path starts with "/" and has segments of letters, digits and "-._~" or one {parameter}, with {name+} only last.` });
    }
    const key = `${route.method} ${route.path}`;
    const other = seen.get(key);
    if (other !== undefined) {
      problems.push({ path, service: service.name, message: `declares the route ${key}, which ${other === service.name ? "it already declares" : `"${other}" already declares`}; one gateway serves each method and path once.` });
    } else {
      seen.set(key, service.name);
    }
    if (typeof route.authorizer === "object" && route.authorizer !== null) {
      if (route.authorizer.none !== true || typeof route.authorizer.reason !== "string" || route.authorizer.reason.trim().length < 10) {
        problems.push({ path: `${path}.authorizer`, service: service.name, message: `route ${key} is anonymous without a reason; give { none: true, reason } with a reason of at least 10 characters, or name an authorizer.` });
      }
      if (route.scopes?.length) {
        problems.push({ path: `${path}.scopes`, service: service.name, message: `route ${key} is anonymous but names scopes; remove the scopes or name an authorizer that checks them.` });
      }
    } else if (typeof route.authorizer !== "string" || route.authorizer.length === 0) {
      problems.push({ path: `${path}.authorizer`, service: service.name, message: `route ${key} names no authorizer; name one of the gateway's authorizers, or { none: true, reason } for an anonymous route.` });
    }
    (route.requiredParameters ?? []).forEach((p, n) => {
      if (!REQUEST_PARAMETER.test(p)) {
        problems.push({ path: `${path}.requiredParameters[${n}]`, service: service.name, message: `names the request parameter ${JSON.stringify(p)}; use method.request.querystring.<name> or method.request.header.<name>.` });
      }
    });
  });
}

function checkSecrets(service: ServiceDeclaration, at: string, problems: DeclarationProblem[]): void {
  const secrets = service.secrets ?? [];
  const names = new Set<string>();
  secrets.forEach((s, k) => {
    if (names.has(s.name)) problems.push({ path: `${at}.secrets[${k}].name`, service: service.name, message: `declares the secret "${s.name}" twice; give each secret a name of its own.` });
    names.add(s.name);
  });
  if (secrets.length > 0 && !service.rotation) {
    problems.push({ path: `${at}.rotation`, service: service.name, message: `has secrets but no rotation; give the ARN of its rotation function and the role it runs as (rotation.lambdaArn, rotation.lambdaRoleArn).` });
  }
}

function checkExternal(service: ServiceDeclaration, at: string, problems: DeclarationProblem[]): void {
  const names = new Set<string>();
  (service.external ?? []).forEach((d, k) => {
    const path = `${at}.external[${k}]`;
    if (!PORT_NAME.test(d.name ?? "")) {
      problems.push({ path: `${path}.name`, service: service.name, message: `has an external destination named ${JSON.stringify(d.name)}; use a DNS label of at most 15 characters.` });
    } else if (names.has(d.name)) {
      problems.push({ path: `${path}.name`, service: service.name, message: `declares the external destination "${d.name}" twice; give each a name of its own.` });
    }
    names.add(d.name);
    if (!Number.isInteger(d.port) || d.port < 1 || d.port > 65535) {
      problems.push({ path: `${path}.port`, service: service.name, message: `external destination "${d.name}" has port ${JSON.stringify(d.port)}; use an integer from 1 to 65535.` });
    }
    if (typeof d.reason !== "string" || d.reason.trim().length < 10) {
      problems.push({ path: `${path}.reason`, service: service.name, message: `external destination "${d.name}" needs a reason of at least 10 characters; it is shown in every policy report.` });
    }
    (d.hosts ?? []).forEach((h, n) => {
      if (typeof h !== "string" || !DNS_NAME.test(h)) {
        problems.push({ path: `${path}.hosts[${n}]`, service: service.name, message: `external destination "${d.name}" names the host ${JSON.stringify(h)}; use an exact lower-case DNS name such as "api.psp.example.com" (no wildcard).` });
      }
    });
    if (runsOnKubernetes(service) && (d.hosts ?? []).length === 0) {
      problems.push({
        path: `${path}.hosts`,
        service: service.name,
        message: `runs on Kubernetes and declares the external destination "${d.name}" without hosts: its mesh sidecar reaches only named hosts (REGISTRY_ONLY); give the DNS names it calls, e.g. hosts: ["api.${d.name}.example.com"].`,
      });
    }
  });
}

function checkKubernetesRuntime(service: ServiceDeclaration & { readonly runtime: KubernetesRuntimeDeclaration }, at: string, problems: DeclarationProblem[]): void {
  const runtime = service.runtime;
  const path = `${at}.runtime`;
  const push = (prop: string, message: string) => problems.push({ path: `${path}.${prop}`, service: service.name, message });
  if (typeof runtime.image !== "string" || !DIGEST_IMAGE.test(runtime.image)) {
    push("image", `has the image ${JSON.stringify(runtime.image)}, which is not pinned by digest (a tag can be moved to other content); use "<repository>@sha256:<64 hex digits>", e.g. from \`docker buildx imagetools inspect\`.`);
  }
  const namespace = runtime.namespace ?? service.name;
  if (!DNS_LABEL.test(namespace ?? "")) {
    push("namespace", `runs in the namespace ${JSON.stringify(namespace)}, which is not a DNS label; use at most 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit (e.g. "orders").`);
  } else if (RESERVED_NAMESPACES.includes(namespace)) {
    push("namespace", `runs in the namespace "${namespace}", which belongs to Kubernetes itself; use its team's own namespace.`);
  }
  if (runtime.replicas !== undefined && (!Number.isInteger(runtime.replicas) || runtime.replicas < 1)) {
    push("replicas", `has replicas ${JSON.stringify(runtime.replicas)}; use a whole number of at least 1.`);
  }
  if (runtime.runAsUser !== undefined && (!Number.isInteger(runtime.runAsUser) || runtime.runAsUser < 1)) {
    push("runAsUser", `has runAsUser ${JSON.stringify(runtime.runAsUser)}; use a non-root numeric user id (1 or more).`);
  }
  for (const kind of ["cpu", "memory"] as const) {
    const pair = runtime[kind];
    if (pair === undefined) continue;
    const request = parseQuantity(pair.request);
    const limit = parseQuantity(pair.limit);
    if (request === undefined || request <= 0 || limit === undefined || limit <= 0) {
      push(kind, `has the ${kind} request ${JSON.stringify(pair.request)} and limit ${JSON.stringify(pair.limit)}; use positive Kubernetes quantities such as ${kind === "cpu" ? '"250m" or "1"' : '"256Mi"'}.`);
    } else if (request > limit) {
      push(kind, `requests ${pair.request} of ${kind}, more than its limit ${pair.limit}; a request may not exceed the limit.`);
    }
  }
  for (const [name, value] of Object.entries(runtime.env ?? {})) {
    if (!ENV_NAME.test(name)) push("env", `has the variable name ${JSON.stringify(name)}, which Kubernetes refuses; use letters, digits, "_", "-" and ".", not starting with a digit.`);
    else if (typeof value !== "string") push(`env.${name}`, `has the variable ${name} with a value that is not a string; environment variables hold plain text only.`);
  }
  if (runtime.readinessPath !== undefined && (typeof runtime.readinessPath !== "string" || !PATH_PREFIX.test(runtime.readinessPath))) {
    push("readinessPath", `has the readiness path ${JSON.stringify(runtime.readinessPath)}; a path starts with "/" and has no spaces, wildcards, query or fragment.`);
  }
  if ((service.ports ?? []).length > 0 && runtime.readinessPath !== undefined && !(service.ports ?? []).some((p) => p.protocol !== "udp")) {
    push("readinessPath", `has a readiness path but only UDP ports, which the kubelet cannot probe; remove readinessPath or declare a TCP, HTTP or gRPC port.`);
  }
}

/** The candidate nearest to `name` by edit distance, when it is near enough to be a typo (at most a third of the name). */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(Math.max(name.length, best.length) / 3)) ? best : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
