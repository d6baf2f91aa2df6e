import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, eachContainer } from "./_workloads";

export const ztK8s003 = defineRule({
  id: "ZT-K8S-003",
  title: "Container runs privileged",
  severity: "critical",
  domain: "kubernetes",
  rationale:
    "A privileged container has every capability and full access to the host's devices, so one compromised " +
    "process owns the node and every workload and credential on it. Zero trust assumes breach and keeps each " +
    "workload inside its own minimal boundary.",
  remediation:
    "Remove security_context.privileged (or set it to false) on every container and init container; grant the " +
    "single capability a workload needs instead.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-6", "SC-39"],
    cis: ["5.2.2"],
    checkov: ["CKV_K8S_16"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    return eachContainer(r, model, (c) => {
      const v = c.view.get("security_context.privileged");
      if (v.kind === "unknown") return unknown(`privileged flag of ${c.label} is computed at apply time`, c.item);
      if (v.kind === "known" && (v.value === true || v.value === "true")) return fail(`${c.label} runs privileged`, c.item);
      return pass(c.item);
    });
  },
});
