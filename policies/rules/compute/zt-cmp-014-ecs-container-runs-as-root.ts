import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { isExpression } from "../../engine/references";
import { judgeContainers, TASK_DEFINITION_TYPES } from "./_ecs";

export const ztCmp014 = defineRule({
  id: "ZT-CMP-014",
  title: "ECS container may run as root",
  severity: "high",
  domain: "compute",
  rationale:
    "A process running as root inside the container is root on the kernel it shares with the other tasks of the " +
    "instance: a container escape or a mounted host path then needs no further escalation. Without a user in the " +
    "container definition the image decides, and most base images run as root.",
  remediation:
    'Set user in each container definition to a non-root UID (for example "10001" or "10001:10001"), and build ' +
    "the image so that the service runs as that user.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-6", "AC-6(2)"],
  },
  resourceTypes: TASK_DEFINITION_TYPES,
  check(r, model) {
    return judgeContainers(r, model, (c) => {
      const user: string = typeof c.def.user === "string" ? c.def.user.trim() : "";
      if (user === "") return fail(`container "${c.name}": user is not set, so the image's user (often root) runs it`, c.item);
      if (isExpression(c.def.user)) return unknown(`container "${c.name}": user is computed at apply time`, c.item);
      const name = user.split(":")[0].trim();
      return name === "root" || name === "0" ? fail(`container "${c.name}" runs as user "${user}"`, c.item) : pass(c.item);
    });
  },
});
