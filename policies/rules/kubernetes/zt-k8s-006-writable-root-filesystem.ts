import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { WORKLOAD_TYPES, eachContainer } from "./_workloads";

export const ztK8s006 = defineRule({
  id: "ZT-K8S-006",
  title: "Container root filesystem is writable",
  severity: "medium",
  domain: "kubernetes",
  rationale:
    "A writable root filesystem lets an attacker who gains code execution drop tools, modify binaries and " +
    "persist inside the container. An immutable root filesystem keeps the running workload identical to the " +
    "image that was verified.",
  remediation:
    "Set security_context.read_only_root_filesystem = true on every container and init container and mount an " +
    "empty_dir volume for the paths that must be writable.",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CM-5", "SI-7"],
    checkov: ["CKV_K8S_22"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r) {
    return eachContainer(r, (c) => {
      const v = c.view.get("security_context.read_only_root_filesystem");
      if (v.kind === "unknown") return unknown(`read_only_root_filesystem of ${c.label} is computed at apply time`, c.item);
      if (v.kind === "known" && (v.value === true || v.value === "true")) return pass(c.item);
      return fail(
        v.kind === "absent"
          ? `${c.label} does not set read_only_root_filesystem (defaults to false)`
          : `${c.label} sets read_only_root_filesystem = ${String(v.value)}`,
        c.item,
      );
    });
  },
});
