import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { asRecord, isExpr } from "../kubernetes/_workloads";
import { MANIFEST_TYPES, istioKind, modeOf, specOf } from "./_istio";

const SOURCE_FIELDS = ["principals", "requestPrincipals", "namespaces", "ipBlocks", "remoteIpBlocks"];
const NEGATED_FIELDS = ["notPrincipals", "notRequestPrincipals", "notNamespaces", "notIpBlocks", "notRemoteIpBlocks"];
const WILDCARDS = new Set(["*", "0.0.0.0/0", "::/0"]);
/** `when` condition keys that identify the caller. */
const CALLER_KEY = /^(source\.|request\.auth\.|remote\.ip$)/;

function listOf(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/**
 * Why a `source` admits every caller, or undefined when it names who may call. A source that only excludes callers
 * (`notPrincipals`, `notNamespaces`, ... without a positive list) admits every other caller, including any workload
 * added later, so it is open too.
 */
function openSource(source: unknown): string | undefined {
  const s = asRecord(source) ?? {};
  const wild: string[] = [];
  for (let i = 0; i < SOURCE_FIELDS.length; i++) {
    const f = SOURCE_FIELDS[i];
    const values = listOf(s[f]);
    if (values.length === 0) continue;
    if (!values.every((v) => typeof v === "string" && WILDCARDS.has(v))) return undefined;
    wild.push(`${f} ${JSON.stringify(values)}`);
  }
  const excluded: string[] = [];
  for (let i = 0; i < NEGATED_FIELDS.length; i++) {
    const f = NEGATED_FIELDS[i];
    const values = listOf(s[f]);
    if (values.length > 0) excluded.push(`${f} ${JSON.stringify(values)}`);
  }
  const matches = wild.length ? `source matches any caller (${wild.join(", ")})` : "source is empty";
  if (excluded.length > 0) {
    return `${wild.length ? matches : "source names no caller"} and only excludes ${excluded.join(", ")}: every other caller is admitted`;
  }
  return matches;
}

/** True when a rule's `when` conditions constrain who the caller is. */
function whenConstrainsCaller(rule: Record<string, unknown>): boolean {
  return listOf(rule.when).some((c) => {
    const cond = asRecord(c) ?? {};
    if (typeof cond.key !== "string" || !CALLER_KEY.test(cond.key)) return false;
    if (listOf(cond.notValues).length > 0) return true;
    const values = listOf(cond.values);
    return values.length > 0 && !values.every((v) => typeof v === "string" && WILDCARDS.has(v));
  });
}

/** Why an ALLOW rule admits every caller, or undefined. */
function openRule(rule: unknown): string | undefined {
  const r = asRecord(rule) ?? {};
  if (whenConstrainsCaller(r)) return undefined;
  const from = listOf(r.from);
  if (from.length === 0) return "has no from (any caller, authenticated or not)";
  for (let i = 0; i < from.length; i++) {
    const f = from[i];
    const why = openSource(asRecord(f)?.source);
    if (why) return `from[${i}] ${why}`;
  }
  return undefined;
}

export const ztMesh003 = defineRule({
  id: "ZT-MESH-003",
  title: "AuthorizationPolicy allows every caller",
  severity: "high",
  domain: "mesh",
  rationale:
    "An ALLOW rule without a from clause, with an empty source, with principals or namespaces [\"*\"], or with only " +
    "exclusions (notPrincipals, notNamespaces) grants access to any workload in the mesh (or any client at all) " +
    "that is not excluded, which turns the policy into an allow-all for the selected workloads. Zero trust grants " +
    "access per verified caller identity, not per network reachability.",
  remediation:
    "Give every ALLOW rule a from.source that names the calling workload identities (principals such as " +
    '"cluster.local/ns/<ns>/sa/<sa>") or namespaces; exclusions (notPrincipals, ...) may narrow such a list but do not ' +
    "replace it. Use spec {} (allow nothing) as the baseline.",
  references: {
    nist800207: ["Tenet 3", "Tenet 4", "Tenet 6"],
    nist80053: ["AC-3", "AC-6", "AC-4"],
  },
  resourceTypes: MANIFEST_TYPES,
  check(r, model) {
    if (istioKind(r, model) !== "AuthorizationPolicy") return na("not an Istio AuthorizationPolicy");
    const spec = specOf(r);
    if (!spec) return unknown("manifest.spec is computed at apply time");
    const action = modeOf(spec, "action") ?? "ALLOW";
    if (isExpr(action)) return unknown("action is computed at apply time");
    if (action !== "ALLOW") return na(`action ${action}`);
    if (isExpr(spec.rules)) return unknown("rules are computed at apply time");
    const out: Outcome[] = [];
    listOf(spec.rules).forEach((rule, i) => {
      const why = openRule(rule);
      if (why) out.push(fail(`ALLOW rule ${i} ${why}`, `Rule::${i}`));
    });
    return out.length ? out : pass();
  },
});
