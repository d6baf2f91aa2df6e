import { defineRule } from "../../engine/outcome";
import { WORKLOAD_TYPES, requireContainerFlag } from "./_workloads";

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
  check(r, model) {
    return requireContainerFlag(r, model, "read_only_root_filesystem", true);
  },
});
