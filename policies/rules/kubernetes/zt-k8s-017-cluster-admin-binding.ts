import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { CLUSTER_BINDING_TYPES, roleRefOf, subjectsOf } from "./_rbac";

export const ztK8s017 = defineRule({
  id: "ZT-K8S-017",
  title: "ClusterRoleBinding grants cluster-admin",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "cluster-admin allows every action on every resource in every namespace, RBAC and admission configuration " +
    "included. A standing cluster-wide binding of it gives its subjects, and whoever compromises them, the whole " +
    "cluster; the narrower built-in roles (admin, edit, view) bound per namespace, or roles written for the task, " +
    "cover day-to-day work.",
  remediation:
    "Bind a role scoped to the task, per namespace (a RoleBinding to admin, edit or view, or a custom role). Keep " +
    "cluster-wide administration for break-glass access granted when needed (EKS access entries with a time-bound " +
    "policy association, or a group outside day-to-day use), and record a suppression with the reason where a " +
    "standing binding is required.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-6(5)", "AC-2(7)"],
    cis: ["5.1.1"],
  },
  resourceTypes: CLUSTER_BINDING_TYPES,
  check(r) {
    const ref = roleRefOf(r);
    if (ref.unknown) return unknown("role_ref is computed at apply time", "RoleRef");
    if (ref.name !== "cluster-admin") return pass();
    const subjects = subjectsOf(r).map((s) => (s.unknown ? "a subject computed at apply time" : `${s.kind} ${s.name}`));
    const to = subjects.length > 0 ? subjects.join(", ") : "no subject yet";
    return fail(`binds cluster-admin cluster-wide to ${to}`, "RoleRef");
  },
});
