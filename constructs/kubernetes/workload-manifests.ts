import type { ResolvedWorkload } from "./check";
import type { KubernetesPort, WorkloadProbe } from "./workload";
import { workloadLabels } from "./identity";
import type { KubernetesManifest } from "./manifest";

/** Mount point of the writable scratch directory every container gets, its root filesystem being read-only. */
export const SCRATCH_PATH = "/tmp";
/** Size limit of the scratch directory. */
export const SCRATCH_SIZE_LIMIT = "64Mi";

/** The security context of every container: non-root, read-only root, no escalation, no capabilities, seccomp RuntimeDefault. */
export const CONTAINER_SECURITY_CONTEXT = {
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
} as const;

/** The service's own ServiceAccount, whose token is never mounted automatically. */
export function serviceAccountManifest(w: ResolvedWorkload, platform: string): KubernetesManifest {
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: w.serviceAccount, namespace: w.namespace, labels: workloadLabels(w, platform) },
    automountServiceAccountToken: false,
  };
}

/** A probe of the named port, as its protocol allows (the port was checked against the workload's ports). */
function probeOf(probe: WorkloadProbe, ports: readonly KubernetesPort[]): Record<string, unknown> {
  const port = ports.find((p) => p.name === probe.port)!;
  if (port.protocol === "grpc") return { grpc: { port: port.port } };
  if (port.protocol === "tcp") return { tcpSocket: { port: port.name } };
  return { httpGet: { path: probe.path ?? "/", port: port.name, scheme: probe.scheme ?? "HTTP" } };
}

function probes(w: ResolvedWorkload): Record<string, unknown> {
  return {
    ...(w.probes?.readiness ? { readinessProbe: probeOf(w.probes.readiness, w.ports) } : {}),
    ...(w.probes?.liveness ? { livenessProbe: probeOf(w.probes.liveness, w.ports) } : {}),
  };
}

function protocolOf(protocol: string): "TCP" | "UDP" {
  return protocol === "udp" ? "UDP" : "TCP";
}

/**
 * The service's Deployment: its pods run as the service's own ServiceAccount without a mounted token, non-root with a
 * read-only root filesystem (plus a size-limited scratch directory at `/tmp`), no privilege escalation, every
 * capability dropped, seccomp RuntimeDefault, the image pinned by digest, requests and limits, container ports named
 * as the service's ports, the probes the workload asks for, and no service links (no environment variables about other services).
 */
export function deploymentManifest(w: ResolvedWorkload, platform: string): KubernetesManifest {
  const labels = workloadLabels(w, platform);
  const env = Object.keys(w.env ?? {})
    .sort()
    .map((name) => ({ name, value: w.env![name] }));
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: w.service, namespace: w.namespace, labels },
    spec: {
      replicas: w.replicas,
      selector: { matchLabels: labels },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: w.serviceAccount,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          hostNetwork: false,
          hostPID: false,
          hostIPC: false,
          securityContext: { runAsNonRoot: true, ...(w.runAsUser !== undefined ? { runAsUser: w.runAsUser } : {}), seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: w.service,
              image: w.image,
              ports: w.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: protocolOf(p.protocol) })),
              ...(env.length > 0 ? { env } : {}),
              resources: {
                requests: { cpu: w.resources.cpu.request, memory: w.resources.memory.request },
                limits: { cpu: w.resources.cpu.limit, memory: w.resources.memory.limit },
              },
              ...probes(w),
              securityContext: CONTAINER_SECURITY_CONTEXT,
              volumeMounts: [{ name: "tmp", mountPath: SCRATCH_PATH }],
            },
          ],
          volumes: [{ name: "tmp", emptyDir: { sizeLimit: SCRATCH_SIZE_LIMIT } }],
        },
      },
    },
  };
}

/** The service's ClusterIP Service: the graph's ports by name, each to the container port of the same name. */
export function serviceManifest(w: ResolvedWorkload, platform: string): KubernetesManifest {
  const labels = workloadLabels(w, platform);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: w.service, namespace: w.namespace, labels },
    spec: {
      type: "ClusterIP",
      selector: labels,
      ports: w.ports.map((p) => ({
        name: p.name,
        port: p.port,
        targetPort: p.name,
        protocol: protocolOf(p.protocol),
        ...(p.protocol === "http" || p.protocol === "grpc" ? { appProtocol: p.protocol } : {}),
      })),
    },
  };
}
