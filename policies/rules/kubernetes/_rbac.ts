import { Resource } from "../../engine/model";
import { View } from "../../engine/view";
import { stringsAt } from "../network/_values";

/** Roles and cluster roles, in both provider generations. */
export const ROLE_TYPES: readonly string[] = ["kubernetes_role", "kubernetes_role_v1", "kubernetes_cluster_role", "kubernetes_cluster_role_v1"];

/** Role bindings and cluster role bindings, in both provider generations. */
export const BINDING_TYPES: readonly string[] = [
  "kubernetes_role_binding",
  "kubernetes_role_binding_v1",
  "kubernetes_cluster_role_binding",
  "kubernetes_cluster_role_binding_v1",
];

/** Cluster role bindings only: they grant their role in every namespace. */
export const CLUSTER_BINDING_TYPES: readonly string[] = ["kubernetes_cluster_role_binding", "kubernetes_cluster_role_binding_v1"];

/** One `rule` block of a role: its item name and the block. */
export interface RoleRule {
  /** `Rule[0]`, or `Rule[dynamic]` for the content template of a cdktf `dynamic` block (`Rule[dynamic:1]` when several). */
  readonly item: string;
  readonly view: View;
}

/** The `rule` blocks of a role. Blocks a `dynamic` block generates are judged by their content template. */
export function roleRules(role: Resource): RoleRule[] {
  const blocks = role.blocks("rule");
  const literal = role.literalBlockCount("rule");
  const templates = blocks.length - literal;
  return blocks.map((view, i) => ({
    item: i < literal ? `Rule[${i}]` : templates > 1 ? `Rule[dynamic:${i - literal}]` : "Rule[dynamic]",
    view,
  }));
}

/** A list of strings in an RBAC block: the known values, and whether any element is unknown until apply. */
export function rbacList(v: View, path: string): { readonly values: readonly string[]; readonly unknown: boolean } {
  const list = stringsAt(v, path);
  return { values: list.values, unknown: list.unknown.length > 0 };
}

/** The role a binding grants (`role_ref`): its kind and name, and whether either is unknown until apply. */
export function roleRefOf(binding: Resource): { readonly kind: string | undefined; readonly name: string | undefined; readonly unknown: boolean } {
  return {
    kind: binding.str("role_ref.kind"),
    name: binding.str("role_ref.name"),
    unknown: binding.get("role_ref.kind").kind === "unknown" || binding.get("role_ref.name").kind === "unknown",
  };
}

/** One subject of a binding: kind and name, and whether either is unknown until apply. */
export interface Subject {
  readonly kind: string | undefined;
  readonly name: string | undefined;
  readonly unknown: boolean;
}

/** The subjects of a binding. */
export function subjectsOf(binding: Resource): Subject[] {
  return binding.blocks("subject").map((s) => ({
    kind: s.str("kind"),
    name: s.str("name"),
    unknown: s.get("kind").kind === "unknown" || s.get("name").kind === "unknown",
  }));
}
