import { TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { Manifest } from "@cdktf/provider-kubernetes/lib/manifest";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";

const SECURITY = "security.istio.io/v1";
const NETWORKING = "networking.istio.io/v1";

/** A kubernetes_manifest holding an Istio resource. */
function istio(scope: Construct, id: string, apiVersion: string, kind: string, namespace: string, spec: Record<string, unknown>) {
  return new Manifest(scope, id, {
    manifest: { apiVersion, kind, metadata: { name: id.replace(/_/g, "-"), namespace }, spec },
  });
}

/**
 * Namespace-level Istio configuration without mesh-wide defaults: every mesh namespace must bring its own
 * STRICT PeerAuthentication, allow-nothing AuthorizationPolicy and REGISTRY_ONLY Sidecar.
 */
export function meshFixture(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "mesh");
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });

  const payments = new NamespaceV1(stack, "payments", { metadata: { name: "payments", labels: { "istio-injection": "enabled" } } });
  new NamespaceV1(stack, "orders", { metadata: { name: "orders", labels: { "istio.io/rev": "1-22" } } });
  new NamespaceV1(stack, "ambient", { metadata: { name: "ambient", labels: { "istio.io/dataplane-mode": "ambient" } } });
  new NamespaceV1(stack, "plain", { metadata: { name: "plain" } });
  new NamespaceV1(stack, "opted_out", { metadata: { name: "opted-out", labels: { "istio-injection": "disabled" } } });

  // PeerAuthentication.
  istio(stack, "payments_strict", SECURITY, "PeerAuthentication", payments.metadata.name, { mtls: { mode: "STRICT" } });
  istio(stack, "orders_permissive", SECURITY, "PeerAuthentication", "orders", { mtls: { mode: "PERMISSIVE" } });
  istio(stack, "port_disable", SECURITY, "PeerAuthentication", "payments", {
    selector: { matchLabels: { app: "metrics" } },
    mtls: { mode: "STRICT" },
    portLevelMtls: { "9090": { mode: "DISABLE" } },
  });
  istio(stack, "root_unset", SECURITY, "PeerAuthentication", "istio-system", {});
  istio(stack, "workload_unset", SECURITY, "PeerAuthentication", "orders", { selector: { matchLabels: { app: "x" } } });

  // AuthorizationPolicy.
  istio(stack, "payments_allow_nothing", SECURITY, "AuthorizationPolicy", payments.metadata.name, {});
  istio(stack, "orders_allow_all", SECURITY, "AuthorizationPolicy", "orders", { rules: [{}] });
  istio(stack, "from_any_principal", SECURITY, "AuthorizationPolicy", "orders", {
    selector: { matchLabels: { app: "orders" } },
    action: "ALLOW",
    rules: [
      { from: [{ source: { principals: ["cluster.local/ns/payments/sa/api"] } }] },
      { from: [{ source: { principals: ["*"] } }], to: [{ operation: { methods: ["GET"] } }] },
    ],
  });
  istio(stack, "to_only", SECURITY, "AuthorizationPolicy", "orders", {
    selector: { matchLabels: { app: "orders" } },
    rules: [{ to: [{ operation: { paths: ["/admin/*"] } }] }],
  });
  istio(stack, "scoped", SECURITY, "AuthorizationPolicy", "payments", {
    selector: { matchLabels: { app: "ledger" } },
    rules: [
      { from: [{ source: { principals: ["cluster.local/ns/orders/sa/checkout"] } }], to: [{ operation: { methods: ["POST"] } }] },
      { from: [{ source: { namespaces: ["payments"] } }] },
    ],
  });
  istio(stack, "when_namespace", SECURITY, "AuthorizationPolicy", "payments", {
    selector: { matchLabels: { app: "ledger" } },
    rules: [{ when: [{ key: "source.namespace", values: ["orders"] }] }],
  });
  istio(stack, "deny_external", SECURITY, "AuthorizationPolicy", "payments", {
    action: "DENY",
    rules: [{ from: [{ source: { notNamespaces: ["payments"] } }] }],
  });

  // Sidecar.
  istio(stack, "payments_default", NETWORKING, "Sidecar", payments.metadata.name, { outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });
  istio(stack, "orders_sidecar", NETWORKING, "Sidecar", "orders", {
    workloadSelector: { labels: { app: "orders" } },
    outboundTrafficPolicy: { mode: "ALLOW_ANY" },
  });

  // DestinationRule.
  istio(stack, "plaintext_reviews", NETWORKING, "DestinationRule", "orders", {
    host: "reviews.orders.svc.cluster.local",
    trafficPolicy: { tls: { mode: "DISABLE" } },
  });
  istio(stack, "simple_subset", NETWORKING, "DestinationRule", "orders", {
    host: "ratings",
    trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } },
    subsets: [
      { name: "v1", labels: { version: "v1" } },
      { name: "v2", labels: { version: "v2" }, trafficPolicy: { portLevelSettings: [{ port: { number: 8443 }, tls: { mode: "SIMPLE" } }] } },
    ],
  });
  istio(stack, "mutual", NETWORKING, "DestinationRule", "orders", { host: "reviews", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } });
  istio(stack, "external_api", NETWORKING, "DestinationRule", "orders", { host: "api.example.com", trafficPolicy: { tls: { mode: "SIMPLE" } } });

  // A non-Istio manifest is not applicable.
  new Manifest(stack, "config", {
    manifest: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "payments" }, data: { a: "b" } },
  });
  return stack;
}

/** Mesh-wide defaults in the root namespace istio-system cover namespaces that have no policies of their own. */
export function meshRootFixture(): TerraformStack {
  const stack = new TerraformStack(Testing.app(), "mesh-root");
  new KubernetesProvider(stack, "k8s", { configPath: "~/.kube/config" });
  const root = new NamespaceV1(stack, "istio_system", { metadata: { name: "istio-system" } });
  new NamespaceV1(stack, "shop", { metadata: { name: "shop", labels: { "istio-injection": "enabled" } } });
  new NamespaceV1(stack, "legacy", { metadata: { name: "legacy", labels: { "istio-injection": "enabled" } } });

  istio(stack, "mesh_strict", SECURITY, "PeerAuthentication", root.metadata.name, { mtls: { mode: "STRICT" } });
  istio(stack, "mesh_allow_nothing", SECURITY, "AuthorizationPolicy", "istio-system", { action: "ALLOW" });
  istio(stack, "mesh_default", NETWORKING, "Sidecar", "istio-system", { outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });

  istio(stack, "legacy_unset", SECURITY, "PeerAuthentication", "legacy", { mtls: { mode: "UNSET" } });
  istio(stack, "legacy_default", NETWORKING, "Sidecar", "legacy", { egress: [{ hosts: ["./*", "istio-system/*"] }] });
  return stack;
}
