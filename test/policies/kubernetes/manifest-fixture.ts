import { FixtureManifest } from "./carriers";
import { PINNED } from "./fixture";

const RESTRICTED = { "pod-security.kubernetes.io/enforce": "restricted" };
const RBAC = "rbac.authorization.k8s.io/v1";

const namespace = (id: string, labels: Record<string, string>): FixtureManifest => ({
  id,
  manifest: { apiVersion: "v1", kind: "Namespace", metadata: { name: id, labels } },
});

const networkPolicy = (id: string, ns: string, spec: Record<string, unknown>): FixtureManifest => ({
  id,
  manifest: { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: id, namespace: ns }, spec },
});

/** An egress rule to cluster DNS (kube-dns in kube-system) on the given ports. */
const toKubeDns = (ports: Record<string, unknown>[]) => ({
  to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
  ports,
});

/** A container of a manifest that satisfies every container rule. */
export function hardenedManifestContainer(name: string): Record<string, unknown> {
  return {
    name,
    image: PINNED,
    ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
    env: [{ name: "LOG_LEVEL", value: "info" }],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ["ALL"] } },
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
}

/** A pod spec of a manifest that satisfies every pod rule. */
function hardenedPodSpec(container: string): Record<string, unknown> {
  return {
    serviceAccountName: "locked",
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
    containers: [hardenedManifestContainer(container)],
    volumes: [{ name: "tmp", emptyDir: {} }],
  };
}

/**
 * Core-kind manifests, in camelCase as the Kubernetes API (and the library's Kubernetes constructs) write them, with a
 * secure and an insecure twin for every ZT-K8S rule: namespaces, network policies, workloads, service accounts, RBAC
 * and services.
 */
export function coreManifests(): FixtureManifest[] {
  return [
    namespace("secure", { ...RESTRICTED, "istio-injection": "enabled" }),
    namespace("lax", { "pod-security.kubernetes.io/enforce": "baseline" }),
    namespace("nodns", RESTRICTED),

    networkPolicy("secure-deny-all", "secure", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    networkPolicy("secure-allow-dns", "secure", {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [toKubeDns([{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }])],
    }),
    networkPolicy("lax-deny-ingress", "lax", { podSelector: {}, policyTypes: ["Ingress"] }),
    networkPolicy("nodns-deny-all", "nodns", { podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
    // TCP 53 alone: DNS queries go over UDP first.
    networkPolicy("nodns-tcp-dns", "nodns", { podSelector: {}, policyTypes: ["Egress"], egress: [toKubeDns([{ protocol: "TCP", port: 53 }])] }),

    {
      id: "hardened",
      manifest: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "hardened", namespace: "secure", labels: { "app.kubernetes.io/name": "hardened" } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { "app.kubernetes.io/name": "hardened" } },
          template: { metadata: { labels: { "app.kubernetes.io/name": "hardened" } }, spec: hardenedPodSpec("app") },
        },
      },
    },
    {
      id: "insecure",
      manifest: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "insecure" },
        spec: {
          selector: { matchLabels: { app: "insecure" } },
          template: {
            metadata: { labels: { app: "insecure" } },
            spec: {
              hostNetwork: true,
              hostPID: true,
              containers: [
                {
                  name: "app",
                  image: "nginx:1.25",
                  securityContext: { privileged: true, runAsUser: 0, seccompProfile: { type: "Unconfined" }, capabilities: { add: ["SYS_ADMIN"] } },
                  env: [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }],
                  envFrom: [{ secretRef: { name: "api-keys" } }],
                  volumeMounts: [{ name: "docker", mountPath: "/var/run/docker.sock" }],
                },
              ],
              volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock", type: "Socket" } }],
            },
          },
        },
      },
    },
    {
      // Leaves automountServiceAccountToken to its ServiceAccount, which turns it off.
      id: "inherits",
      manifest: {
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "inherits", namespace: "secure" },
        spec: {
          serviceName: "inherits",
          selector: { matchLabels: { app: "inherits" } },
          template: { metadata: { labels: { app: "inherits" } }, spec: { ...hardenedPodSpec("app"), automountServiceAccountToken: undefined } },
        },
      },
    },
    {
      id: "report",
      manifest: {
        apiVersion: "batch/v1",
        kind: "CronJob",
        metadata: { name: "report", namespace: "secure" },
        spec: {
          schedule: "0 * * * *",
          jobTemplate: { spec: { template: { metadata: { labels: { app: "report" } }, spec: { ...hardenedPodSpec("report"), restartPolicy: "Never" } } } },
        },
      },
    },

    { id: "locked", manifest: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "locked", namespace: "secure" }, automountServiceAccountToken: false } },
    { id: "mounted", manifest: { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "mounted" } } },

    {
      id: "reader",
      manifest: { apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "reader" }, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }] },
    },
    {
      id: "everything",
      manifest: { apiVersion: RBAC, kind: "ClusterRole", metadata: { name: "everything" }, rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] },
    },
    {
      id: "anonymous-view",
      manifest: {
        apiVersion: RBAC,
        kind: "ClusterRoleBinding",
        metadata: { name: "anonymous-view" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ kind: "Group", name: "system:unauthenticated", apiGroup: "rbac.authorization.k8s.io" }],
      },
    },
    {
      id: "platform-admins",
      manifest: {
        apiVersion: RBAC,
        kind: "ClusterRoleBinding",
        metadata: { name: "platform-admins" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
        subjects: [{ kind: "Group", name: "platform-admins", apiGroup: "rbac.authorization.k8s.io" }],
      },
    },

    { id: "db-creds", manifest: { apiVersion: "v1", kind: "Secret", metadata: { name: "db-creds", namespace: "secure" }, stringData: { password: "hunter2" } } },
    {
      id: "sa-token",
      manifest: {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: "sa-token", namespace: "secure", annotations: { "kubernetes.io/service-account.name": "locked" } },
        type: "kubernetes.io/service-account-token",
      },
    },

    service("cluster-ip", { type: "ClusterIP" }),
    service("internal-lb", { type: "LoadBalancer" }, { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }),
    service("public-lb", { type: "LoadBalancer" }),
    service("node-port", { type: "NodePort" }),
  ];
}

function service(id: string, spec: Record<string, unknown>, annotations?: Record<string, string>): FixtureManifest {
  return {
    id,
    manifest: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: id, namespace: "secure", ...(annotations ? { annotations } : {}) },
      spec: { selector: { "app.kubernetes.io/name": "hardened" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }], ...spec },
    },
  };
}
