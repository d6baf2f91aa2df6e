import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { BINDING_TYPES, roleRefOf, subjectsOf } from "./_rbac";

/** Groups every caller of a kind belongs to, with who that is. */
const EVERYONE: ReadonlyMap<string, string> = new Map([
  ["system:unauthenticated", "every anonymous request"],
  ["system:authenticated", "every authenticated identity, every node and every service account"],
  ["system:serviceaccounts", "every service account of every namespace"],
]);

/**
 * Cluster roles that Kubernetes itself binds to all users, for API discovery: a binding of one of them to these
 * groups restates a default and grants nothing more.
 */
const DISCOVERY_ROLES: readonly string[] = ["system:basic-user", "system:discovery", "system:public-info-viewer"];

export const ztK8s016 = defineRule({
  id: "ZT-K8S-016",
  title: "Role binding grants its role to anonymous, all authenticated users or all service accounts",
  severity: "critical",
  domain: "kubernetes",
  rationale:
    "A binding to system:anonymous, system:unauthenticated, system:authenticated or system:serviceaccounts " +
    "grants the role to callers nobody chose: anyone who can reach the API server, or any pod of the cluster. " +
    "Access must be granted per identity, so that compromising one workload does not give every permission " +
    "bound to everyone.",
  remediation:
    "Bind the role to the users, groups or service accounts that need it (subject kind ServiceAccount with its " +
    "namespace, or a group mapped from your identity provider), never to the built-in groups that hold everyone.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "AC-6", "IA-2"],
  },
  resourceTypes: BINDING_TYPES,
  check(r) {
    const ref = roleRefOf(r);
    if (!ref.unknown && ref.kind === "ClusterRole" && ref.name !== undefined && DISCOVERY_ROLES.includes(ref.name)) return pass();
    const role = ref.name !== undefined ? `${ref.kind ?? "role"} ${ref.name}` : "its role";
    const outcomes: Outcome[] = [];
    const subjects = subjectsOf(r);
    for (let i = 0; i < subjects.length; i++) {
      const { kind, name, unknown: computed } = subjects[i];
      if (computed) {
        outcomes.push(unknown(`subject ${i} is computed at apply time`, `Subject[${i}]`));
        continue;
      }
      const everyone = kind === "Group" && name !== undefined ? EVERYONE.get(name) : kind === "User" && name === "system:anonymous" ? "every anonymous request" : undefined;
      if (everyone !== undefined) outcomes.push(fail(`grants ${role} to ${kind} ${name}: ${everyone}`, `Subject::${kind}/${name}`));
    }
    if (subjects.length === 0 && r.blocksUnknown("subject") && r.configured("subject")) outcomes.push(unknown("subjects are computed at apply time"));
    return outcomes.length > 0 ? outcomes : pass();
  },
});
