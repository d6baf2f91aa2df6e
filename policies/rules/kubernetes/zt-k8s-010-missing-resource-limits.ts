import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, asRecord, eachContainer } from "./_workloads";

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

export const ztK8s010 = defineRule({
  id: "ZT-K8S-010",
  title: "Container has no CPU or memory limit",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "A container without limits can exhaust its node's CPU and memory, starving or evicting every other workload " +
    "on it: one compromised or faulty workload becomes a denial of service for its neighbours. Bounded " +
    "resources keep the blast radius of a breach inside one pod.",
  remediation:
    'Set resources.limits with both "cpu" and "memory" on every container and init container (a LimitRange in ' +
    "the namespace is not visible to this check).",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["SC-6", "SC-5"],
    checkov: ["CKV_K8S_11", "CKV_K8S_12"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    return eachContainer(
      r,
      model,
      (c) => {
        const limits = c.view.get("resources.limits");
        if (limits.kind === "unknown") return unknown(`resources.limits of ${c.label} is computed at apply time`, c.item);
        const map = limits.kind === "known" ? asRecord(limits.value) : undefined;
        const noCpu = !isSet(map?.cpu);
        const noMemory = !isSet(map?.memory);
        if (!noCpu && !noMemory) return pass(c.item);
        return fail(`${c.label} has no ${noCpu && noMemory ? "cpu or memory" : noCpu ? "cpu" : "memory"} limit`, c.item);
      },
      ["container", "init_container"],
    );
  },
});
