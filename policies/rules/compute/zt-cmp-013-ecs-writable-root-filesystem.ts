import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { flag, judgeContainers, TASK_DEFINITION_TYPES } from "./_ecs";

export const ztCmp013 = defineRule({
  id: "ZT-CMP-013",
  title: "ECS container root filesystem is writable",
  severity: "medium",
  domain: "compute",
  rationale:
    "A writable root filesystem lets an attacker who gets code execution in the container replace binaries and " +
    "persist tools. With a read-only root filesystem the image stays what was built and reviewed; what the service " +
    "must write goes to volumes declared for it.",
  remediation:
    "Set readonlyRootFilesystem = true in each container definition, and mount a volume (or a bind mount of the " +
    "task's ephemeral storage) where the service writes files.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["CM-5", "SI-7", "AC-6"],
    securityHub: ["ECS.5"],
  },
  resourceTypes: TASK_DEFINITION_TYPES,
  check(r, model) {
    return judgeContainers(r, model, (c) => {
      const v = flag(c.def, "readonlyRootFilesystem");
      if (v === "computed") return unknown(`container "${c.name}": readonlyRootFilesystem is computed at apply time`, c.item);
      if (v === true) return pass(c.item);
      return fail(`container "${c.name}": ${v === "unset" ? "readonlyRootFilesystem is not set (the root filesystem is writable)" : "readonlyRootFilesystem = false"}`, c.item);
    });
  },
});
