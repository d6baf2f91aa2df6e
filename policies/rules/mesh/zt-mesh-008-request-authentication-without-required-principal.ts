import { Resource } from "../../engine/model";
import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { asRecord, isExpr } from "../kubernetes/_workloads";
import { MANIFEST_TYPES, ROOT_NAMESPACE, istioKind, istioResources, manifestNamespace, modeOf, specOf } from "./_istio";

type Decision = boolean | undefined;

function listOf(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** The match labels of a policy's workload selector: `{}` when it selects every workload, undefined when computed or by target reference. */
function selectorLabels(spec: Record<string, unknown>): Record<string, unknown> | undefined {
  if (spec.targetRef !== undefined || spec.targetRefs !== undefined) return undefined;
  const sel = spec.selector;
  if (sel === undefined || sel === null) return {};
  const labels = asRecord(asRecord(sel)?.matchLabels);
  if (asRecord(sel) === undefined || (asRecord(sel)?.matchLabels !== undefined && labels === undefined)) return undefined;
  if (labels === undefined) return {};
  return Object.values(labels).some(isExpr) ? undefined : labels;
}

/** Whether a policy selecting `policy` labels applies to every workload that one selecting `target` labels selects. */
function covers(policy: Record<string, unknown>, target: Record<string, unknown>): boolean {
  return Object.keys(policy).every((k) => target[k] === policy[k]);
}

/** Whether a source (of an ALLOW rule) admits only requests that carry a token: requestPrincipals names someone. */
function sourceRequiresToken(source: unknown): Decision {
  const values = listOf(asRecord(source)?.requestPrincipals);
  if (values.some(isExpr)) return undefined;
  return values.length > 0;
}

/** Whether a `when` condition on request.auth.principal demands a principal. */
function whenRequiresToken(rule: Record<string, unknown>): boolean {
  return listOf(rule.when).some((c) => {
    const cond = asRecord(c) ?? {};
    return cond.key === "request.auth.principal" && listOf(cond.values).length > 0 && !listOf(cond.values).some(isExpr);
  });
}

/**
 * Whether an AuthorizationPolicy denies requests without a token: a DENY rule whose source has notRequestPrincipals
 * ["*"], or an ALLOW policy each of whose rules admits only requests with a request principal.
 */
function requiresPrincipal(spec: Record<string, unknown>): Decision {
  const action = modeOf(spec, "action") ?? "ALLOW";
  if (isExpr(action) || isExpr(spec.rules)) return undefined;
  const rules = listOf(spec.rules).map((r) => asRecord(r) ?? {});
  if (action === "DENY") {
    return rules.some((rule) => {
      if (listOf(rule.to).length > 0 || listOf(rule.when).length > 0) return false;
      return listOf(rule.from).some((f) => listOf(asRecord(asRecord(f)?.source)?.notRequestPrincipals).includes("*"));
    });
  }
  if (action !== "ALLOW" || rules.length === 0) return false;
  let out: Decision = true;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (whenRequiresToken(rule)) continue;
    const from = listOf(rule.from);
    if (from.length === 0) return false;
    for (let j = 0; j < from.length; j++) {
      const d = sourceRequiresToken(asRecord(from[j])?.source);
      if (d === false) return false;
      if (d === undefined) out = undefined;
    }
  }
  return out;
}

export const ztMesh008 = defineRule({
  id: "ZT-MESH-008",
  title: "RequestAuthentication without an AuthorizationPolicy that requires a request principal",
  severity: "high",
  domain: "mesh",
  rationale:
    "A RequestAuthentication only rejects requests whose token is invalid: a request with no token at all passes " +
    "with no request principal. Unless an AuthorizationPolicy for the same workloads requires a request principal, " +
    "the end-user authentication the edge service seems to have is skipped by simply not sending a token.",
  remediation:
    "For the workloads the RequestAuthentication selects, add an AuthorizationPolicy with action DENY and a rule " +
    'from.source.notRequestPrincipals ["*"] (or an ALLOW policy whose every rule names requestPrincipals), in the ' +
    "same namespace with the same or a wider selector.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["IA-2", "IA-8", "AC-3"],
  },
  resourceTypes: MANIFEST_TYPES,
  check(r, model) {
    if (istioKind(r, model) !== "RequestAuthentication") return na("not an Istio RequestAuthentication");
    const spec = specOf(r);
    const ns = manifestNamespace(r, model);
    if (!spec || ns === undefined) return unknown("the RequestAuthentication's spec or namespace is computed at apply time");
    const target = selectorLabels(spec);
    if (target === undefined) return unknown("the RequestAuthentication's workload selector is computed at apply time or names target references");
    let undecided: string | undefined;
    const policies: readonly Resource[] = istioResources(model, r, "AuthorizationPolicy").in(ns, ROOT_NAMESPACE);
    for (let i = 0; i < policies.length; i++) {
      const ap = policies[i];
      const apSpec = specOf(ap);
      const apNs = manifestNamespace(ap, model);
      const labels = apSpec === undefined ? undefined : selectorLabels(apSpec);
      if (apSpec === undefined || apNs === undefined || labels === undefined) {
        undecided ??= ap.address;
        continue;
      }
      // A policy in the root namespace applies mesh-wide only without a selector.
      if (apNs === ROOT_NAMESPACE && apNs !== ns && Object.keys(labels).length > 0) continue;
      if (!covers(labels, target)) continue;
      const d = requiresPrincipal(apSpec);
      if (d === true) return pass();
      if (d === undefined) undecided ??= ap.address;
    }
    if (undecided) return unknown(`${undecided} may require a request principal for these workloads (values computed at apply time)`);
    const what = Object.keys(target).length === 0 ? `namespace "${ns}"` : `workloads ${JSON.stringify(target)} in "${ns}"`;
    return fail(`no AuthorizationPolicy requires a request principal for ${what}: a request without a token passes`);
  },
});
