import { App, TerraformStack, Testing } from "cdktf";
import { ClusterRoleBindingV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-binding-v1";
import { ClusterRoleV1 } from "@cdktf/provider-kubernetes/lib/cluster-role-v1";
import { CronJobV1 } from "@cdktf/provider-kubernetes/lib/cron-job-v1";
import { DaemonSetV1 } from "@cdktf/provider-kubernetes/lib/daemon-set-v1";
import { Deployment } from "@cdktf/provider-kubernetes/lib/deployment";
import { DeploymentV1 } from "@cdktf/provider-kubernetes/lib/deployment-v1";
import { JobV1 } from "@cdktf/provider-kubernetes/lib/job-v1";
import { Labels } from "@cdktf/provider-kubernetes/lib/labels";
import { Namespace } from "@cdktf/provider-kubernetes/lib/namespace";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { NetworkPolicyV1 } from "@cdktf/provider-kubernetes/lib/network-policy-v1";
import { PodV1 } from "@cdktf/provider-kubernetes/lib/pod-v1";
import { Role } from "@cdktf/provider-kubernetes/lib/role";
import { RoleBindingV1 } from "@cdktf/provider-kubernetes/lib/role-binding-v1";
import { RoleV1 } from "@cdktf/provider-kubernetes/lib/role-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { StatefulSetV1 } from "@cdktf/provider-kubernetes/lib/stateful-set-v1";

export const DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
export const PINNED = `registry.example.com/app@${DIGEST}`;

/** A container that satisfies every container-level rule. */
export function hardenedContainer(name: string) {
  return {
    name,
    image: PINNED,
    resources: { limits: { cpu: "500m", memory: "256Mi" } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    },
  };
}

/** Pod-level settings that satisfy every pod-level rule. */
export const hardenedPod = {
  automountServiceAccountToken: false,
  securityContext: { runAsNonRoot: true, runAsUser: "10001", seccompProfile: { type: "RuntimeDefault" } },
};

export interface KubernetesFixture {
  readonly app: App;
  readonly stack: TerraformStack;
}

/** Namespaces, network policies, workloads and RBAC with named compliant and non-compliant cases. */
export function kubernetesFixture(): KubernetesFixture {
  const app = Testing.app();
  const stack = new TerraformStack(app, "kubernetes");
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });

  // Namespaces.
  const apps = new NamespaceV1(stack, "restricted", {
    metadata: { name: "apps", labels: { "pod-security.kubernetes.io/enforce": "restricted", team: "payments" } },
  });
  new NamespaceV1(stack, "baseline", {
    metadata: { name: "legacy", labels: { "pod-security.kubernetes.io/enforce": "baseline" } },
  });
  new Namespace(stack, "unlabelled", { metadata: { name: "old" } });
  const later = new NamespaceV1(stack, "labelled_later", { metadata: { name: "later" } });
  new Labels(stack, "later_psa", {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: later.metadata.name },
    labels: { "pod-security.kubernetes.io/enforce": "restricted" },
  });

  // Network policies.
  new NetworkPolicyV1(stack, "deny_all", {
    metadata: { name: "default-deny", namespace: apps.metadata.name },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
  new NetworkPolicyV1(stack, "legacy_deny_ingress", {
    metadata: { name: "default-deny-ingress", namespace: "legacy" },
    spec: { podSelector: {}, policyTypes: ["Ingress"] },
  });
  new NetworkPolicyV1(stack, "later_allow_web", {
    metadata: { name: "allow-web", namespace: "later" },
    spec: {
      podSelector: { matchLabels: { app: "web" } },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } } }] }],
    },
  });

  // Workloads.
  new DeploymentV1(stack, "hardened", {
    metadata: { name: "hardened", namespace: apps.metadata.name },
    spec: {
      selector: { matchLabels: { app: "hardened" } },
      template: {
        metadata: { labels: { app: "hardened" } },
        spec: { ...hardenedPod, container: [hardenedContainer("app")], initContainer: [hardenedContainer("migrate")] },
      },
    },
  });
  new DeploymentV1(stack, "insecure_init", {
    metadata: { name: "insecure-init", namespace: apps.metadata.name },
    spec: {
      selector: { matchLabels: { app: "insecure-init" } },
      template: {
        metadata: { labels: { app: "insecure-init" } },
        spec: {
          ...hardenedPod,
          container: [hardenedContainer("app")],
          initContainer: [
            {
              name: "setup",
              image: "busybox",
              securityContext: {
                privileged: true,
                runAsUser: "0",
                seccompProfile: { type: "Unconfined" },
                capabilities: { add: ["SYS_ADMIN", "NET_RAW"], drop: ["NET_RAW"] },
              },
            },
          ],
        },
      },
    },
  });
  new PodV1(stack, "host", {
    metadata: { name: "host", namespace: "legacy", labels: { app: "legacy" } },
    spec: {
      ...hardenedPod,
      hostNetwork: true,
      hostPid: true,
      container: [{ ...hardenedContainer("agent"), image: "nginx:latest" }],
    },
  });
  new Deployment(stack, "legacy_default", {
    metadata: { name: "legacy" },
    spec: {
      template: {
        metadata: { labels: { app: "legacy" } },
        spec: { container: [{ name: "web", image: "nginx:1.25" }] },
      },
    },
  });
  new CronJobV1(stack, "report", {
    metadata: { name: "report", namespace: later.metadata.name },
    spec: {
      schedule: "0 * * * *",
      jobTemplate: {
        metadata: {},
        spec: {
          template: {
            metadata: { labels: { app: "batch" } },
            spec: {
              ...hardenedPod,
              container: [{ ...hardenedContainer("report"), securityContext: { ...hardenedContainer("x").securityContext, seccompProfile: { type: "Unconfined" } } }],
            },
          },
        },
      },
    },
  });
  new StatefulSetV1(stack, "web", {
    metadata: { name: "web", namespace: "later" },
    spec: {
      serviceName: "web",
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web", tier: "frontend" } },
        spec: { ...hardenedPod, container: [hardenedContainer("web")] },
      },
    },
  });
  new DaemonSetV1(stack, "agent", {
    metadata: { name: "agent", namespace: apps.metadata.name },
    spec: {
      selector: { matchLabels: { app: "agent" } },
      template: {
        metadata: { labels: { app: "agent" } },
        spec: {
          ...hardenedPod,
          container: [
            {
              ...hardenedContainer("agent"),
              securityContext: { ...hardenedContainer("x").securityContext, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } },
            },
          ],
        },
      },
    },
  });
  new JobV1(stack, "migrate", {
    metadata: { name: "migrate", namespace: apps.metadata.name },
    spec: {
      template: {
        metadata: { labels: { app: "migrate" } },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsUser: "1000", seccompProfile: { type: "RuntimeDefault" } },
          container: [hardenedContainer("migrate")],
        },
      },
    },
  });

  // Service accounts.
  new ServiceAccountV1(stack, "locked", {
    metadata: { name: "app", namespace: apps.metadata.name },
    automountServiceAccountToken: false,
  });
  new ServiceAccountV1(stack, "default_mount", { metadata: { name: "ci" } });

  // RBAC.
  const rbac = "rbac.authorization.k8s.io";
  new ClusterRoleV1(stack, "reader", {
    metadata: { name: "pod-reader" },
    rule: [{ apiGroups: [""], resources: ["pods", "services"], verbs: ["get", "list", "watch"] }],
  });
  new ClusterRoleV1(stack, "everything", {
    metadata: { name: "everything" },
    rule: [
      { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
      { nonResourceUrls: ["/healthz"], verbs: ["get"] },
    ],
  });
  new RoleV1(stack, "rbac_admin", {
    metadata: { name: "rbac-admin", namespace: apps.metadata.name },
    rule: [
      { apiGroups: [rbac], resources: ["roles", "rolebindings"], verbs: ["bind", "escalate", "create"] },
      { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
      // bind on a resource it does not apply to grants nothing.
      { apiGroups: [""], resources: ["configmaps"], verbs: ["get", "bind"] },
    ],
  });
  new Role(stack, "legacy_reader", {
    metadata: { name: "config-reader", namespace: apps.metadata.name },
    rule: [{ apiGroups: [""], resources: ["configmaps"], resourceNames: ["app-config"], verbs: ["get"] }],
  });
  new ClusterRoleBindingV1(stack, "anonymous_view", {
    metadata: { name: "anonymous-view" },
    roleRef: { apiGroup: rbac, kind: "ClusterRole", name: "view" },
    subject: [
      { kind: "Group", name: "system:unauthenticated", apiGroup: rbac },
      { kind: "Group", name: "system:serviceaccounts", apiGroup: rbac },
    ],
  });
  new ClusterRoleBindingV1(stack, "public_info", {
    metadata: { name: "public-info" },
    roleRef: { apiGroup: rbac, kind: "ClusterRole", name: "system:public-info-viewer" },
    subject: [{ kind: "Group", name: "system:unauthenticated", apiGroup: rbac }],
  });
  new ClusterRoleBindingV1(stack, "platform_admins", {
    metadata: { name: "platform-admins" },
    roleRef: { apiGroup: rbac, kind: "ClusterRole", name: "cluster-admin" },
    subject: [{ kind: "Group", name: "platform-admins", apiGroup: rbac }],
  });
  new RoleBindingV1(stack, "app_reader", {
    metadata: { name: "app-reader", namespace: apps.metadata.name },
    roleRef: { apiGroup: rbac, kind: "ClusterRole", name: "pod-reader" },
    subject: [{ kind: "ServiceAccount", name: "app", namespace: apps.metadata.name }],
  });
  new RoleBindingV1(stack, "authenticated_edit", {
    metadata: { name: "all-edit", namespace: apps.metadata.name },
    roleRef: { apiGroup: rbac, kind: "ClusterRole", name: "edit" },
    subject: [{ kind: "Group", name: "system:authenticated", apiGroup: rbac }],
  });

  return { app, stack };
}
