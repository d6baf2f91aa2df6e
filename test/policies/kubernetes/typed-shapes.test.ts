import { ztK8s018 } from "../../../policies/rules/kubernetes/zt-k8s-018-default-deny-blocks-dns";
import { ztK8s019 } from "../../../policies/rules/kubernetes/zt-k8s-019-secret-in-environment";
import { ztK8s020 } from "../../../policies/rules/kubernetes/zt-k8s-020-host-path-volume";
import { ztK8s021 } from "../../../policies/rules/kubernetes/zt-k8s-021-service-exposed-outside-cluster";
import { ztK8s022 } from "../../../policies/rules/kubernetes/zt-k8s-022-secret-value-in-configuration";
import { ztK8s023 } from "../../../policies/rules/kubernetes/zt-k8s-023-default-service-account";
import { configModel, expectRule, resultsOf } from "../../support/rules";

const NS = "kubernetes_namespace_v1";
const denyAll = { metadata: { namespace: "apps" }, spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] } };
const egress = (podSelector: Record<string, unknown>, rule: Record<string, unknown>) => ({
  metadata: { namespace: "apps" },
  spec: { pod_selector: podSelector, policy_types: ["Egress"], egress: [rule] },
});
const pod = (labels: Record<string, unknown> | string) => ({ metadata: { namespace: "apps", labels }, spec: { container: [{ name: "c" }] } });

/** A namespace "apps" with a default deny for both directions, the given network policies and pods. */
function dnsModel(policies: Record<string, unknown>, pods: Record<string, unknown> = {}) {
  return configModel({
    resource: {
      [NS]: { apps: { metadata: { name: "apps" } } },
      kubernetes_network_policy_v1: { deny: denyAll, ...policies },
      ...(Object.keys(pods).length > 0 ? { kubernetes_pod_v1: pods } : {}),
    },
  });
}

describe("ZT-K8S-018 on typed network policies", () => {
  const udp = { ports: [{ protocol: "UDP", port: "53" }] };

  it("admits DNS to every destination, to kube-dns by named port, to every namespace or to an address block", () => {
    for (const rule of [
      udp,
      { to: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ protocol: "UDP", port: "dns" }] },
      { to: [{ namespace_selector: {} }], ports: [{ protocol: "UDP", port: 50, end_port: 60 }] },
      { to: [{ ip_block: { cidr: "169.254.20.10/32" } }], ports: [{ protocol: "UDP", port: 53 }] },
      { to: [{ namespace_selector: { match_expressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: ["kube-system"] }] } }] },
    ]) {
      expectRule(ztK8s018, dnsModel({ dns: egress({}, rule) }), { fail: [], pass: [`${NS}.apps`], unknown: [] });
    }
  });

  it("refuses DNS to the namespace's own pods, to other kube-system pods, on TCP only or on other ports", () => {
    for (const rule of [
      { to: [{ pod_selector: { match_labels: { "k8s-app": "kube-dns" } } }], ...udp },
      { to: [{ namespace_selector: { match_labels: { "kubernetes.io/metadata.name": "kube-system" } }, pod_selector: { match_labels: { app: "metrics" } } }], ...udp },
      { ports: [{ port: 53 }] },
      { ports: [{ protocol: "UDP", port: 5353 }] },
    ]) {
      expectRule(ztK8s018, dnsModel({ dns: egress({}, rule) }), { fail: [`${NS}.apps`], pass: [], unknown: [] });
    }
  });

  it("accepts DNS allowed per workload when every workload is selected, and names the workloads left without it", () => {
    const covered = dnsModel({ web: egress({ match_labels: { app: "web" } }, udp), api: egress({ match_labels: { app: "api" } }, udp) }, { web: pod({ app: "web" }), api: pod({ app: "api" }) });
    expectRule(ztK8s018, covered, { fail: [], pass: [`${NS}.apps`], unknown: [] });
    const partly = dnsModel({ web: egress({ match_labels: { app: "web" } }, udp) }, { web: pod({ app: "web" }), api: pod({ app: "api" }) });
    expectRule(ztK8s018, partly, { fail: [`${NS}.apps`], pass: [], unknown: [] });
    expect(resultsOf(ztK8s018, partly)[0].message).toBe(
      "kubernetes_network_policy_v1.deny denies all egress and no NetworkPolicy admits DNS (UDP 53 to kube-dns) for kubernetes_pod_v1.api: those pods cannot resolve names",
    );
    const computedLabels = dnsModel({ web: egress({ match_labels: { app: "web" } }, udp) }, { web: pod({ app: "web" }), other: pod("${var.labels}") });
    expectRule(ztK8s018, computedLabels, { fail: [], pass: [], unknown: [`${NS}.apps`] });
  });

  it("is unknown when the ports are computed, and not applicable without a default deny for egress", () => {
    expectRule(ztK8s018, dnsModel({ dns: egress({}, { ports: [{ protocol: "${var.protocol}", port: 53 }] }) }), { fail: [], pass: [], unknown: [`${NS}.apps`] });
    const noDeny = configModel({ resource: { [NS]: { apps: { metadata: { name: "apps" } } } } });
    expect(resultsOf(ztK8s018, noDeny)).toEqual([]);
  });
});

describe("ZT-K8S-019 to ZT-K8S-023 on typed resources", () => {
  const container = (extra: Record<string, unknown>) => ({ metadata: { namespace: "apps" }, spec: { container: [{ name: "c", ...extra }] } });

  it("ZT-K8S-019: secret references fail, config map references and plain values pass, computed sources are unknown", () => {
    const model = configModel({
      resource: {
        kubernetes_pod_v1: {
          secret: container({ env: [{ name: "TOKEN", value_from: { secret_key_ref: { name: "api", key: "token" } } }] }),
          config: container({ env: [{ name: "MODE", value_from: { config_map_key_ref: { name: "cfg", key: "mode" } } }], env_from: [{ config_map_ref: { name: "cfg" } }] }),
          computed: container({ dynamic: { env: { for_each: "${var.env}", content: { name: "${env.key}", value: "${env.value}" } } } }),
        },
      },
    });
    expectRule(ztK8s019, model, { fail: ["kubernetes_pod_v1.secret"], pass: ["kubernetes_pod_v1.config"], unknown: ["kubernetes_pod_v1.computed"] });
  });

  it("ZT-K8S-020: a host path from a variable still mounts the node", () => {
    const model = configModel({
      resource: {
        kubernetes_pod_v1: {
          var_path: { metadata: { namespace: "apps" }, spec: { container: [{ name: "c" }], volume: [{ name: "host", host_path: { path: "${var.path}" } }] } },
          config: { metadata: { namespace: "apps" }, spec: { container: [{ name: "c" }], volume: [{ name: "cfg", config_map: { name: "cfg" } }] } },
        },
      },
    });
    expectRule(ztK8s020, model, { fail: ["kubernetes_pod_v1.var_path"], pass: ["kubernetes_pod_v1.config"], unknown: [] });
    expect(resultsOf(ztK8s020, model)[0].message).toBe("volume host mounts a node path computed at apply time");
  });

  it("ZT-K8S-021: the legacy internal annotation passes, a computed scheme or type is unknown, ExternalName is not applicable", () => {
    const service = (type: string, annotations?: Record<string, string>) => ({ metadata: { namespace: "apps", ...(annotations ? { annotations } : {}) }, spec: { type } });
    const model = configModel({
      resource: {
        kubernetes_service_v1: {
          legacy_internal: service("LoadBalancer", { "service.beta.kubernetes.io/aws-load-balancer-internal": "true" }),
          internet_facing: service("LoadBalancer", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" }),
          computed_scheme: service("LoadBalancer", { "service.beta.kubernetes.io/aws-load-balancer-scheme": "${var.scheme}" }),
          computed_type: service("${var.type}"),
          external: service("ExternalName"),
        },
      },
    });
    expectRule(ztK8s021, model, {
      fail: ["kubernetes_service_v1.internet_facing"],
      pass: ["kubernetes_service_v1.legacy_internal"],
      unknown: ["kubernetes_service_v1.computed_scheme", "kubernetes_service_v1.computed_type"],
    });
    expect(resultsOf(ztK8s021, model).filter((r) => r.address === "kubernetes_service_v1.external")).toEqual([]);
  });

  it("ZT-K8S-022: data from a reference still lands in the state; write-only data does not", () => {
    const secret = (extra: Record<string, unknown>) => ({ metadata: { name: "s", namespace: "apps" }, ...extra });
    const model = configModel({
      resource: {
        kubernetes_secret_v1: {
          from_ref: secret({ data: "${jsondecode(aws_secretsmanager_secret_version.db.secret_string)}" }),
          literal: secret({ data: { token: "abc" }, binary_data: { cert: "Zm9v" } }),
          write_only: secret({ data_wo: { token: "${var.token}" }, data_wo_revision: 1 }),
        },
      },
    });
    expectRule(ztK8s022, model, { fail: ["kubernetes_secret_v1.from_ref", "kubernetes_secret_v1.literal"], pass: ["kubernetes_secret_v1.write_only"], unknown: [] });
    expect(resultsOf(ztK8s022, model).find((r) => r.address === "kubernetes_secret_v1.literal")?.message).toBe('holds the values of "token", "cert" in the Terraform state');
  });

  it("ZT-K8S-023: a pod spec naming no account or the default one runs as the default account; a computed name is unknown", () => {
    const spec = (extra: Record<string, unknown>) => ({ metadata: { namespace: "apps" }, spec: { container: [{ name: "c" }], ...extra } });
    const model = configModel({
      resource: {
        kubernetes_pod_v1: {
          none: spec({}),
          named_default: spec({ service_account_name: "default" }),
          own: spec({ service_account_name: "web" }),
          computed: spec({ service_account_name: "${var.account}" }),
        },
      },
    });
    expectRule(ztK8s023, model, {
      fail: ["kubernetes_pod_v1.none", "kubernetes_pod_v1.named_default"],
      pass: ["kubernetes_pod_v1.own"],
      unknown: ["kubernetes_pod_v1.computed"],
    });
  });
});
