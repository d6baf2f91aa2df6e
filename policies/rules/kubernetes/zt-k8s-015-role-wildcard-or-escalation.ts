import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { ROLE_TYPES, rbacList, roleRules } from "./_rbac";

/** Verbs that let a subject give itself more than it holds, and the resources they act on. */
const ESCALATION: readonly { readonly verb: string; readonly resources: RegExp }[] = [
  { verb: "bind", resources: /^(roles|clusterroles|\*)$/ },
  { verb: "escalate", resources: /^(roles|clusterroles|\*)$/ },
  { verb: "impersonate", resources: /^(users|groups|serviceaccounts|uids|userextras(\/.*)?|\*)$/ },
];

/** The attribute lists of a rule block in which a `*` matches everything. */
const LISTS: readonly string[] = ["verbs", "resources", "api_groups", "non_resource_urls"];
const VERBS = LISTS.indexOf("verbs");
const RESOURCES = LISTS.indexOf("resources");

export const ztK8s015 = defineRule({
  id: "ZT-K8S-015",
  title: "Role or ClusterRole uses wildcards or grants bind, escalate or impersonate",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "A `*` in verbs, resources, API groups or non-resource URLs grants everything that exists now and every " +
    "resource type added later (CRDs included), so the grant is never the least privilege it was meant to be. " +
    "The bind and escalate verbs on roles, and impersonate on users, groups and service accounts, bypass the API " +
    "server's check that nobody grants more than they hold: each is a path to cluster-admin.",
  remediation:
    "List the API groups, resources and verbs the subject needs (get, list, watch on named resources for readers). " +
    "Keep bind, escalate and impersonate to the few roles that administer RBAC, and record a suppression with the " +
    "reason on those.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-6", "AC-6(1)", "AC-3"],
    cis: ["5.1.3", "5.1.8"],
    checkov: ["CKV_K8S_49", "CKV_K8S_157", "CKV_K8S_158"],
  },
  resourceTypes: ROLE_TYPES,
  check(r) {
    const rules = roleRules(r);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < rules.length; i++) {
      const { item, view } = rules[i];
      const lists = LISTS.map((name) => ({ name, ...rbacList(view, name) }));
      const grants: string[] = [];
      for (let l = 0; l < lists.length; l++) {
        const wild = lists[l].values.filter((s) => s.includes("*"));
        if (wild.length > 0) grants.push(`${lists[l].name} ${wild.map((s) => `"${s}"`).join(", ")}`);
      }
      const verbs = lists[VERBS].values;
      const resources = lists[RESOURCES].values;
      for (let e = 0; e < ESCALATION.length; e++) {
        const { verb, resources: on } = ESCALATION[e];
        if (!verbs.includes(verb)) continue;
        const targets = resources.filter((res) => on.test(res));
        if (targets.length > 0) grants.push(`${verb} on ${targets.join(", ")}`);
      }
      const undecided = lists.some((l) => l.unknown);
      if (grants.length > 0) outcomes.push(fail(`${item} grants ${grants.join("; ")}`, item));
      else if (undecided) outcomes.push(unknown(`${item} has verbs, resources or API groups computed at apply time`, item));
    }
    if (rules.length === 0 && r.blocksUnknown("rule") && r.configured("rule")) outcomes.push(unknown("rule blocks are computed at apply time"));
    return outcomes.length > 0 ? outcomes : pass();
  },
});
