import { Model } from "../../../policies/engine/model";
import { ztK8s001 } from "../../../policies/rules/kubernetes/zt-k8s-001-namespace-without-restricted-pss";
import { ztK8s002 } from "../../../policies/rules/kubernetes/zt-k8s-002-namespace-without-default-deny";
import { ztK8s003 } from "../../../policies/rules/kubernetes/zt-k8s-003-privileged-container";
import { ztK8s004 } from "../../../policies/rules/kubernetes/zt-k8s-004-privilege-escalation-allowed";
import { ztK8s005 } from "../../../policies/rules/kubernetes/zt-k8s-005-container-may-run-as-root";
import { ztK8s006 } from "../../../policies/rules/kubernetes/zt-k8s-006-writable-root-filesystem";
import { ztK8s007 } from "../../../policies/rules/kubernetes/zt-k8s-007-capabilities-not-minimized";
import { ztK8s008 } from "../../../policies/rules/kubernetes/zt-k8s-008-host-namespaces";
import { ztK8s009 } from "../../../policies/rules/kubernetes/zt-k8s-009-service-account-token-automount";
import { ztK8s010 } from "../../../policies/rules/kubernetes/zt-k8s-010-missing-resource-limits";
import { ztK8s011 } from "../../../policies/rules/kubernetes/zt-k8s-011-image-not-pinned-by-digest";
import { ztK8s012 } from "../../../policies/rules/kubernetes/zt-k8s-012-seccomp-profile-not-restricted";
import { ztK8s013 } from "../../../policies/rules/kubernetes/zt-k8s-013-default-namespace";
import { ztK8s014 } from "../../../policies/rules/kubernetes/zt-k8s-014-pod-not-covered-by-network-policy";
import { ztK8s015 } from "../../../policies/rules/kubernetes/zt-k8s-015-role-wildcard-or-escalation";
import { ztK8s016 } from "../../../policies/rules/kubernetes/zt-k8s-016-binding-to-all-users";
import { ztK8s017 } from "../../../policies/rules/kubernetes/zt-k8s-017-cluster-admin-binding";
import { configModel, expectRule, planModel, resultsOf, synthModel } from "../../support/rules";
import { DIGEST, kubernetesFixture } from "./fixture";

const D = "kubernetes_deployment_v1";
const hardened = `${D}.hardened`;
const insecureInit = `${D}.insecure_init`;
const host = "kubernetes_pod_v1.host";
const legacyDefault = "kubernetes_deployment.legacy_default";
const report = "kubernetes_cron_job_v1.report";
const web = "kubernetes_stateful_set_v1.web";
const agent = "kubernetes_daemon_set_v1.agent";
const migrate = "kubernetes_job_v1.migrate";
const workloads = [hardened, insecureInit, host, legacyDefault, report, web, agent, migrate];
const others = (...failing: string[]) => workloads.filter((w) => !failing.includes(w));

function items(model: Model, rule: Parameters<typeof resultsOf>[0], address: string, status = "fail"): string[] {
  return resultsOf(rule, model)
    .filter((r) => r.address === address && r.status === status)
    .map((r) => r.item ?? "")
    .sort();
}

describe("kubernetes rules on the synthesized fixture", () => {
  const model = synthModel(kubernetesFixture().stack);

  test("ZT-K8S-001 restricted Pod Security label (own labels or kubernetes_labels)", () => {
    expectRule(ztK8s001, model, {
      fail: ["kubernetes_namespace_v1.baseline", "kubernetes_namespace.unlabelled"],
      pass: ["kubernetes_namespace_v1.restricted", "kubernetes_namespace_v1.labelled_later"],
    });
    const msg = resultsOf(ztK8s001, model).find((r) => r.address === "kubernetes_namespace_v1.baseline")?.message;
    expect(msg).toContain('"baseline"');
  });

  test("ZT-K8S-002 default-deny NetworkPolicy per direction", () => {
    expectRule(ztK8s002, model, {
      fail: ["kubernetes_namespace_v1.baseline", "kubernetes_namespace.unlabelled", "kubernetes_namespace_v1.labelled_later"],
      pass: ["kubernetes_namespace_v1.restricted"],
    });
    expect(items(model, ztK8s002, "kubernetes_namespace_v1.baseline")).toEqual(["PolicyType::Egress"]);
    expect(items(model, ztK8s002, "kubernetes_namespace_v1.baseline", "pass")).toEqual(["PolicyType::Ingress"]);
    expect(items(model, ztK8s002, "kubernetes_namespace_v1.labelled_later")).toEqual(["PolicyType::Egress", "PolicyType::Ingress"]);
  });

  test("ZT-K8S-003 privileged containers, init containers included", () => {
    expectRule(ztK8s003, model, { fail: [insecureInit], pass: others(insecureInit) });
    expect(items(model, ztK8s003, insecureInit)).toEqual(["Container::setup"]);
  });

  test("ZT-K8S-004 allowPrivilegeEscalation must be explicitly false", () => {
    expectRule(ztK8s004, model, { fail: [insecureInit, legacyDefault], pass: others(insecureInit, legacyDefault) });
    expect(items(model, ztK8s004, insecureInit)).toEqual(["Container::setup"]);
  });

  test("ZT-K8S-005 run as non-root merges pod and container security contexts", () => {
    expectRule(ztK8s005, model, {
      fail: [insecureInit, legacyDefault, migrate],
      pass: others(insecureInit, legacyDefault, migrate),
    });
    const init = resultsOf(ztK8s005, model).find((r) => r.address === insecureInit && r.status === "fail");
    expect(init?.item).toBe("Container::setup");
    expect(init?.message).toContain("UID 0");
    expect(items(model, ztK8s005, insecureInit, "pass")).toEqual(["Container::app"]);
  });

  test("ZT-K8S-006 read-only root filesystem", () => {
    expectRule(ztK8s006, model, { fail: [insecureInit, legacyDefault], pass: others(insecureInit, legacyDefault) });
  });

  test("ZT-K8S-007 drop ALL and no dangerous added capabilities", () => {
    expectRule(ztK8s007, model, { fail: [insecureInit, legacyDefault], pass: others(insecureInit, legacyDefault) });
    expect(items(model, ztK8s007, insecureInit)).toEqual([
      "Container::setup",
      "Container::setup:CAP_NET_RAW",
      "Container::setup:CAP_SYS_ADMIN",
    ]);
  });

  test("ZT-K8S-008 host network / PID / IPC", () => {
    expectRule(ztK8s008, model, { fail: [host], pass: others(host) });
    expect(items(model, ztK8s008, host)).toEqual(["HostNetwork", "HostPID"]);
  });

  test("ZT-K8S-009 service account token automount on pods and service accounts", () => {
    expectRule(ztK8s009, model, {
      fail: [legacyDefault, "kubernetes_service_account_v1.default_mount"],
      pass: [...others(legacyDefault), "kubernetes_service_account_v1.locked"],
    });
  });

  test("ZT-K8S-010 cpu and memory limits on every container", () => {
    expectRule(ztK8s010, model, { fail: [insecureInit, legacyDefault], pass: others(insecureInit, legacyDefault) });
    const msg = resultsOf(ztK8s010, model).find((r) => r.address === insecureInit && r.status === "fail")?.message;
    expect(msg).toBe('init container "setup" has no cpu or memory limit');
  });

  test("ZT-K8S-011 images pinned by digest, with the reason for mutable references", () => {
    expectRule(ztK8s011, model, { fail: [insecureInit, host, legacyDefault], pass: others(insecureInit, host, legacyDefault) });
    const msg = (a: string) => resultsOf(ztK8s011, model).find((r) => r.address === a && r.status === "fail")?.message ?? "";
    expect(msg(insecureInit)).toContain("no tag (implicitly :latest)");
    expect(msg(host)).toContain(":latest");
    expect(msg(legacyDefault)).toContain("mutable tag :1.25");
  });

  test("ZT-K8S-012 seccomp profile, container overriding the pod", () => {
    expectRule(ztK8s012, model, {
      fail: [insecureInit, legacyDefault, report],
      pass: others(insecureInit, legacyDefault, report),
    });
    expect(items(model, ztK8s012, report)).toEqual(["Container::report"]);
  });

  test("ZT-K8S-013 default namespace (absent namespace counts as default)", () => {
    expectRule(ztK8s013, model, {
      fail: [legacyDefault, "kubernetes_service_account_v1.default_mount"],
      pass: [...others(legacyDefault), "kubernetes_service_account_v1.locked"],
    });
  });

  test("ZT-K8S-014 every workload selected by a NetworkPolicy in its namespace", () => {
    expectRule(ztK8s014, model, { fail: [legacyDefault, report], pass: others(legacyDefault, report) });
  });

  test("ZT-K8S-015 wildcards and bind, escalate or impersonate on the resources they act on", () => {
    expectRule(ztK8s015, model, {
      fail: ["kubernetes_cluster_role_v1.everything", "kubernetes_role_v1.rbac_admin"],
      pass: ["kubernetes_cluster_role_v1.reader", "kubernetes_role.legacy_reader"],
      unknown: [],
    });
    expect(items(model, ztK8s015, "kubernetes_role_v1.rbac_admin")).toEqual(["Rule[0]", "Rule[1]"]);
    const messages = resultsOf(ztK8s015, model).filter((r) => r.status === "fail").map((r) => r.message);
    expect(messages).toContain('Rule[0] grants verbs "*"; resources "*"; api_groups "*"');
    expect(messages).toContain("Rule[0] grants bind on roles; escalate on roles");
    expect(messages).toContain("Rule[1] grants impersonate on serviceaccounts");
  });

  test("ZT-K8S-016 bindings to the groups that hold everyone, discovery roles aside", () => {
    expectRule(ztK8s016, model, {
      fail: ["kubernetes_cluster_role_binding_v1.anonymous_view", "kubernetes_role_binding_v1.authenticated_edit"],
      pass: ["kubernetes_cluster_role_binding_v1.public_info", "kubernetes_cluster_role_binding_v1.platform_admins", "kubernetes_role_binding_v1.app_reader"],
      unknown: [],
    });
    expect(items(model, ztK8s016, "kubernetes_cluster_role_binding_v1.anonymous_view")).toEqual([
      "Subject::Group/system:serviceaccounts",
      "Subject::Group/system:unauthenticated",
    ]);
  });

  test("ZT-K8S-017 cluster-wide bindings of cluster-admin", () => {
    expectRule(ztK8s017, model, {
      fail: ["kubernetes_cluster_role_binding_v1.platform_admins"],
      pass: ["kubernetes_cluster_role_binding_v1.anonymous_view", "kubernetes_cluster_role_binding_v1.public_info"],
      unknown: [],
    });
    expect(resultsOf(ztK8s017, model).find((r) => r.status === "fail")?.message).toBe("binds cluster-admin cluster-wide to Group platform-admins");
    expect(resultsOf(ztK8s017, model).filter((r) => r.address === "kubernetes_role_binding_v1.app_reader")).toEqual([]);
  });
});

describe("RBAC rules on raw configuration and plan shapes", () => {
  const rbac = "rbac.authorization.k8s.io";

  test("values from variables are unknown; a dynamic rule block is judged by its template", () => {
    const model = configModel({
      resource: {
        kubernetes_cluster_role_v1: {
          computed_verbs: { metadata: { name: "a" }, rule: [{ api_groups: [""], resources: ["pods"], verbs: ["${var.verb}"] }] },
          computed_rules: { metadata: { name: "b" }, rule: "${var.rules}" },
          templated: {
            metadata: { name: "c" },
            dynamic: { rule: { for_each: "${var.groups}", iterator: "each", content: { api_groups: ["${each.value}"], resources: ["*"], verbs: ["get"] } } },
          },
          aggregated: { metadata: { name: "d" }, aggregation_rule: { cluster_role_selectors: { match_labels: { agg: "x" } } } },
        },
        kubernetes_cluster_role_binding_v1: {
          computed_subject: { metadata: { name: "e" }, role_ref: { api_group: rbac, kind: "ClusterRole", name: "view" }, subject: [{ kind: "Group", name: "${var.group}" }] },
          computed_role: { metadata: { name: "f" }, role_ref: { api_group: rbac, kind: "ClusterRole", name: "${var.role}" }, subject: [{ kind: "User", name: "system:anonymous" }] },
          computed_subjects: { metadata: { name: "g" }, role_ref: { api_group: rbac, kind: "ClusterRole", name: "view" }, subject: "${var.subjects}" },
          odd_group: { metadata: { name: "h" }, role_ref: { api_group: rbac, kind: "ClusterRole", name: "view" }, subject: [{ kind: "Group", name: "constructor" }] },
        },
      },
    });
    expectRule(ztK8s015, model, {
      fail: ["kubernetes_cluster_role_v1.templated"],
      pass: ["kubernetes_cluster_role_v1.aggregated"],
      unknown: ["kubernetes_cluster_role_v1.computed_rules", "kubernetes_cluster_role_v1.computed_verbs"],
    });
    expect(items(model, ztK8s015, "kubernetes_cluster_role_v1.templated")).toEqual(["Rule[dynamic]"]);
    expectRule(ztK8s016, model, {
      fail: ["kubernetes_cluster_role_binding_v1.computed_role"],
      pass: ["kubernetes_cluster_role_binding_v1.odd_group"],
      unknown: ["kubernetes_cluster_role_binding_v1.computed_subject", "kubernetes_cluster_role_binding_v1.computed_subjects"],
    });
    expectRule(ztK8s017, model, {
      fail: [],
      pass: ["kubernetes_cluster_role_binding_v1.computed_subject", "kubernetes_cluster_role_binding_v1.odd_group"],
      unknown: ["kubernetes_cluster_role_binding_v1.computed_role"],
    });
  });

  test("list-shaped blocks of a plan, and a rule list the API server aggregates", () => {
    const model = planModel({
      format_version: "1.2",
      resource_changes: [
        change("kubernetes_cluster_role_v1", "wild", { metadata: [{ name: "wild" }], rule: [{ api_groups: [""], resources: ["*"], verbs: ["list"], resource_names: null, non_resource_urls: null }] }),
        change("kubernetes_cluster_role_v1", "aggregated", { metadata: [{ name: "agg" }], aggregation_rule: [{ cluster_role_selectors: [{ match_labels: { agg: "x" } }] }] }, { rule: true }),
        change("kubernetes_cluster_role_binding_v1", "admins", {
          metadata: [{ name: "admins" }],
          role_ref: [{ api_group: rbac, kind: "ClusterRole", name: "cluster-admin" }],
          subject: [{ api_group: rbac, kind: "Group", name: "system:authenticated", namespace: null }],
        }),
      ],
      // The aggregated role's configuration sets no rule: the API server fills it in.
      configuration: {
        root_module: {
          resources: [
            {
              address: "kubernetes_cluster_role_v1.aggregated",
              mode: "managed",
              type: "kubernetes_cluster_role_v1",
              name: "aggregated",
              expressions: { metadata: [{ name: { constant_value: "agg" } }], aggregation_rule: [{ cluster_role_selectors: [{ match_labels: { constant_value: { agg: "x" } } }] }] },
            },
          ],
        },
      },
    });
    expectRule(ztK8s015, model, { fail: ["kubernetes_cluster_role_v1.wild"], pass: ["kubernetes_cluster_role_v1.aggregated"], unknown: [] });
    expectRule(ztK8s016, model, { fail: ["kubernetes_cluster_role_binding_v1.admins"], pass: [], unknown: [] });
    expectRule(ztK8s017, model, { fail: ["kubernetes_cluster_role_binding_v1.admins"], pass: [], unknown: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------
// Tricky shapes on raw Terraform JSON.

const ns = (name: string, labels?: Record<string, unknown>) => ({ metadata: { name, ...(labels ? { labels } : {}) } });
const pod = (spec: Record<string, unknown>, metadata: Record<string, unknown> = { namespace: "apps" }) => ({ metadata, spec });

describe("kubernetes rules on raw configuration shapes", () => {
  test("unknown values: privileged and namespace from variables", () => {
    const model = configModel({
      resource: {
        kubernetes_pod_v1: {
          p: pod({ container: [{ name: "c", image: "x", security_context: { privileged: "${var.privileged}" } }] }, { namespace: "${var.ns}" }),
        },
        kubernetes_network_policy_v1: { np: { metadata: { namespace: "apps" }, spec: { pod_selector: {}, policy_types: ["Ingress"] } } },
      },
    });
    expectRule(ztK8s003, model, { fail: [], pass: [], unknown: ["kubernetes_pod_v1.p"] });
    expectRule(ztK8s013, model, { fail: [], pass: [], unknown: ["kubernetes_pod_v1.p"] });
    expectRule(ztK8s014, model, { fail: [], pass: [], unknown: ["kubernetes_pod_v1.p"] });
  });

  test("image references built from expressions", () => {
    const c = (name: string, image: string) => ({ name, image, resources: { limits: { cpu: "1", memory: "1Gi" } } });
    const model = configModel({
      resource: {
        kubernetes_pod_v1: {
          tagged: pod({ container: [c("a", "${aws_ecr_repository.r.repository_url}:v1")] }),
          computed: pod({ container: [c("a", "${aws_ecr_repository.r.repository_url}@${var.digest}")] }),
          digest_expr: pod({ container: [c("a", "${aws_ecr_repository.r.repository_url}@" + DIGEST)] }),
          malformed: pod({ container: [c("a", "nginx@sha256:abc")] }),
          port_registry: pod({ container: [c("a", "registry:5000/team/app")] }),
        },
      },
    });
    expectRule(ztK8s011, model, {
      fail: ["kubernetes_pod_v1.malformed", "kubernetes_pod_v1.port_registry", "kubernetes_pod_v1.tagged"],
      pass: ["kubernetes_pod_v1.digest_expr"],
      unknown: ["kubernetes_pod_v1.computed"],
    });
    const msg = resultsOf(ztK8s011, model).find((r) => r.address === "kubernetes_pod_v1.port_registry")?.message;
    expect(msg).toContain("no tag");
  });

  test("dynamic container blocks are evaluated from their content template", () => {
    const model = configModel({
      resource: {
        kubernetes_deployment_v1: {
          d: {
            metadata: { namespace: "apps" },
            spec: {
              template: {
                metadata: { labels: { app: "d" } },
                spec: {
                  dynamic: {
                    container: {
                      for_each: "${var.containers}",
                      content: { name: "${container.value.name}", image: "${container.value.image}", security_context: { privileged: true } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    expectRule(ztK8s003, model, { fail: ["kubernetes_deployment_v1.d"], pass: [] });
    expect(resultsOf(ztK8s003, model)[0].item).toBe("Container::dynamic:container");
    expectRule(ztK8s011, model, { fail: [], pass: [], unknown: ["kubernetes_deployment_v1.d"] });
  });

  test("capabilities are matched case-insensitively and with a CAP_ prefix", () => {
    const model = configModel({
      resource: {
        kubernetes_pod: {
          lower: pod({ container: [{ name: "c", security_context: { capabilities: { drop: ["all"], add: ["cap_net_admin"] } } }] }),
          ok: pod({ container: [{ name: "c", security_context: { capabilities: { drop: ["ALL"], add: ["CAP_NET_BIND_SERVICE"] } } }] }),
        },
      },
    });
    expectRule(ztK8s007, model, { fail: ["kubernetes_pod.lower"], pass: ["kubernetes_pod.ok"] });
    expect(resultsOf(ztK8s007, model).filter((r) => r.status === "fail").map((r) => r.item)).toEqual(["Container::c:CAP_NET_ADMIN"]);
  });

  test("run_as_non_root at container level overrides a pod-level false", () => {
    const model = configModel({
      resource: {
        kubernetes_pod_v1: {
          override: pod({ security_context: { run_as_non_root: false }, container: [{ name: "c", security_context: { run_as_non_root: true } }] }),
          pod_false: pod({ security_context: { run_as_non_root: false }, container: [{ name: "c" }] }),
          user_unknown: pod({ security_context: { run_as_non_root: true, run_as_user: "${var.uid}" }, container: [{ name: "c" }] }),
        },
      },
    });
    expectRule(ztK8s005, model, {
      fail: ["kubernetes_pod_v1.pod_false"],
      pass: ["kubernetes_pod_v1.override", "kubernetes_pod_v1.user_unknown"],
    });
  });

  test("default deny: empty ingress rule allows all, absent policy_types implies Ingress, unresolved namespace is unknown", () => {
    const model = (np: Record<string, unknown>) =>
      configModel({
        resource: {
          kubernetes_namespace_v1: { n: ns("apps") },
          kubernetes_network_policy_v1: { np },
        },
      });
    const allowAll = model({ metadata: { namespace: "apps" }, spec: { pod_selector: {}, policy_types: ["Ingress"], ingress: [{}] } });
    expect(items(allowAll, ztK8s002, "kubernetes_namespace_v1.n")).toEqual(["PolicyType::Egress", "PolicyType::Ingress"]);
    const implied = model({ metadata: { namespace: "apps" }, spec: { pod_selector: {} } });
    expect(items(implied, ztK8s002, "kubernetes_namespace_v1.n", "pass")).toEqual(["PolicyType::Ingress"]);
    const selective = model({ metadata: { namespace: "apps" }, spec: { pod_selector: { match_labels: { app: "x" } }, policy_types: ["Ingress", "Egress"] } });
    expect(items(selective, ztK8s002, "kubernetes_namespace_v1.n")).toEqual(["PolicyType::Egress", "PolicyType::Ingress"]);
    const unresolved = model({ metadata: { namespace: "${var.ns}" }, spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] } });
    expect(items(unresolved, ztK8s002, "kubernetes_namespace_v1.n", "unknown")).toEqual(["PolicyType::Egress", "PolicyType::Ingress"]);
  });

  test("namespace keys: a namespace without a literal name matches workloads that reference it", () => {
    const model = configModel({
      resource: {
        kubernetes_namespace_v1: { gen: { metadata: { generate_name: "tmp-" } } },
        kubernetes_network_policy_v1: {
          np: { metadata: { namespace: "${kubernetes_namespace_v1.gen.metadata[0].name}" }, spec: { pod_selector: {}, policy_types: ["Ingress", "Egress"] } },
        },
        kubernetes_pod_v1: { p: pod({ container: [{ name: "c" }] }, { namespace: "${kubernetes_namespace_v1.gen.metadata[0].name}" }) },
      },
    });
    expectRule(ztK8s002, model, { fail: [], pass: ["kubernetes_namespace_v1.gen"] });
    expectRule(ztK8s014, model, { fail: [], pass: ["kubernetes_pod_v1.p"] });
    expectRule(ztK8s013, model, { fail: [], pass: ["kubernetes_pod_v1.p"] });
  });

  test("NetworkPolicy match_expressions and match_labels subset matching", () => {
    const np = (sel: Record<string, unknown>) => ({ metadata: { namespace: "apps" }, spec: { pod_selector: sel, policy_types: ["Ingress"] } });
    const model = configModel({
      resource: {
        kubernetes_network_policy_v1: {
          in_tier: np({ match_expressions: [{ key: "tier", operator: "In", values: ["frontend", "api"] }] }),
          subset: np({ match_labels: { app: "db" } }),
          not_in: np({ match_expressions: [{ key: "app", operator: "NotIn", values: ["db", "web", "cache"] }, { key: "team", operator: "Exists" }] }),
        },
        kubernetes_pod_v1: {
          frontend: pod({ container: [{ name: "c" }] }, { namespace: "apps", labels: { tier: "frontend" } }),
          db: pod({ container: [{ name: "c" }] }, { namespace: "apps", labels: { app: "db", role: "primary" } }),
          cache: pod({ container: [{ name: "c" }] }, { namespace: "apps", labels: { app: "cache", team: "x" } }),
          team: pod({ container: [{ name: "c" }] }, { namespace: "apps", labels: { app: "batch", team: "x" } }),
          other_ns: pod({ container: [{ name: "c" }] }, { namespace: "other", labels: { app: "db" } }),
          computed: pod({ container: [{ name: "c" }] }, { namespace: "apps", labels: "${var.labels}" }),
        },
      },
    });
    expectRule(ztK8s014, model, {
      fail: ["kubernetes_pod_v1.cache", "kubernetes_pod_v1.other_ns"],
      pass: ["kubernetes_pod_v1.frontend", "kubernetes_pod_v1.db", "kubernetes_pod_v1.team"],
      unknown: ["kubernetes_pod_v1.computed"],
    });
  });

  test("Pod Security label from kubernetes_labels that is computed is unknown", () => {
    const model = configModel({
      resource: {
        kubernetes_namespace_v1: { n: ns("apps") },
        kubernetes_labels: { l: { api_version: "v1", kind: "Namespace", metadata: { name: "apps" }, labels: "${var.labels}" } },
      },
    });
    expectRule(ztK8s001, model, { fail: [], pass: [], unknown: ["kubernetes_namespace_v1.n"] });
  });

  test("resources that are not workloads and empty pod specs are not applicable", () => {
    const model = configModel({
      resource: { kubernetes_pod_v1: { empty: { metadata: { namespace: "apps" }, spec: {} } } },
    });
    for (const rule of [ztK8s003, ztK8s004, ztK8s005, ztK8s006, ztK8s010, ztK8s011, ztK8s012]) {
      expect(resultsOf(rule, model)).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Plan-shaped input: blocks are lists, provider defaults are explicit, unknowns come from after_unknown.

function change(type: string, name: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown> = {}) {
  return { address: `${type}.${name}`, mode: "managed", type, name, change: { actions: ["create"], after, after_unknown: afterUnknown } };
}

const planContainer = (name: string, sc: Record<string, unknown>) => ({
  name,
  image: `registry.example.com/app@${DIGEST}`,
  resources: [{ limits: { cpu: "1", memory: "1Gi" }, requests: {} }],
  security_context: [{ allow_privilege_escalation: true, privileged: false, read_only_root_filesystem: false, capabilities: [], seccomp_profile: [], ...sc }],
});

function planDeployment(name: string, podSpec: Record<string, unknown>, labels: Record<string, string>) {
  return {
    metadata: [{ name, namespace: "apps", labels: null }],
    spec: [{ template: [{ metadata: [{ labels }], spec: [{ host_network: false, host_pid: false, host_ipc: false, init_container: [], ...podSpec }] }] }],
  };
}

describe("kubernetes rules on plan-shaped JSON", () => {
  const plan = {
    format_version: "1.2",
    resource_changes: [
      change("kubernetes_namespace_v1", "apps", { metadata: [{ name: "apps", labels: { "pod-security.kubernetes.io/enforce": "restricted" } }] }),
      change("kubernetes_network_policy_v1", "deny", {
        metadata: [{ name: "deny", namespace: "apps" }],
        spec: [{ pod_selector: [{ match_labels: null, match_expressions: [] }], policy_types: ["Ingress", "Egress"], ingress: [], egress: [] }],
      }),
      change(
        "kubernetes_deployment_v1",
        "ok",
        planDeployment(
          "ok",
          {
            automount_service_account_token: false,
            security_context: [{ run_as_non_root: true, seccomp_profile: [{ type: "RuntimeDefault" }] }],
            container: [planContainer("app", { allow_privilege_escalation: false, read_only_root_filesystem: true, capabilities: [{ drop: ["ALL"], add: [] }] })],
          },
          { app: "ok" },
        ),
      ),
      change(
        "kubernetes_deployment_v1",
        "defaults",
        planDeployment("defaults", { automount_service_account_token: true, security_context: [], container: [planContainer("app", {})] }, { app: "defaults" }),
      ),
      change(
        "kubernetes_deployment_v1",
        "computed",
        planDeployment("computed", { automount_service_account_token: false, security_context: [], container: [planContainer("app", { privileged: null })] }, { app: "x" }),
        { spec: [{ template: [{ spec: [{ container: [{ security_context: [{ privileged: true }] }] }] }] }] },
      ),
    ],
  };
  const model = planModel(plan);

  test("container rules read list-shaped blocks and explicit provider defaults", () => {
    expectRule(ztK8s004, model, { fail: ["kubernetes_deployment_v1.defaults", "kubernetes_deployment_v1.computed"], pass: ["kubernetes_deployment_v1.ok"] });
    expectRule(ztK8s005, model, { fail: ["kubernetes_deployment_v1.defaults", "kubernetes_deployment_v1.computed"], pass: ["kubernetes_deployment_v1.ok"] });
    expectRule(ztK8s007, model, { fail: ["kubernetes_deployment_v1.defaults", "kubernetes_deployment_v1.computed"], pass: ["kubernetes_deployment_v1.ok"] });
    expectRule(ztK8s009, model, { fail: ["kubernetes_deployment_v1.defaults"], pass: ["kubernetes_deployment_v1.ok", "kubernetes_deployment_v1.computed"] });
    expectRule(ztK8s008, model, { fail: [], pass: ["kubernetes_deployment_v1.ok", "kubernetes_deployment_v1.defaults"] });
  });

  test("after_unknown values are unknown, not pass", () => {
    expectRule(ztK8s003, model, {
      fail: [],
      pass: ["kubernetes_deployment_v1.ok", "kubernetes_deployment_v1.defaults"],
      unknown: ["kubernetes_deployment_v1.computed"],
    });
  });

  test("cross-resource rules match plan namespaces and list-shaped selectors", () => {
    expectRule(ztK8s001, model, { fail: [], pass: ["kubernetes_namespace_v1.apps"] });
    expectRule(ztK8s002, model, { fail: [], pass: ["kubernetes_namespace_v1.apps"] });
    expectRule(ztK8s014, model, { fail: [], pass: ["kubernetes_deployment_v1.ok", "kubernetes_deployment_v1.defaults"] });
  });
});
