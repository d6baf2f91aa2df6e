import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { flag, judgeContainers, TASK_DEFINITION_TYPES } from "./_ecs";

export const ztCmp011 = defineRule({
  id: "ZT-CMP-011",
  title: "ECS container runs privileged",
  severity: "critical",
  domain: "compute",
  rationale:
    "A privileged container gets every capability and the host's devices: a compromise of the service is a " +
    "compromise of the container instance and of every task on it. Zero trust confines each workload to what it " +
    "needs, so no service container runs privileged.",
  remediation:
    "Remove privileged (or set it to false) from the container definition. Grant a single capability with " +
    "linuxParameters.capabilities.add where one is really needed.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-6", "CM-7"],
    securityHub: ["ECS.4"],
  },
  resourceTypes: TASK_DEFINITION_TYPES,
  check(r, model) {
    return judgeContainers(r, model, (c) => {
      const v = flag(c.def, "privileged");
      if (v === "computed") return unknown(`container "${c.name}": privileged is computed at apply time`, c.item);
      return v === true ? fail(`container "${c.name}" runs privileged`, c.item) : pass(c.item);
    });
  },
});
