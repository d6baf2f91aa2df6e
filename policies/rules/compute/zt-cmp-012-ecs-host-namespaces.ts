import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { TASK_DEFINITION_TYPES } from "./_ecs";

/** Task settings that share a namespace of the host, and the item each is reported under. */
const MODES: readonly { readonly path: string; readonly item: string; readonly what: string }[] = [
  { path: "network_mode", item: "HostNetwork", what: "network stack" },
  { path: "pid_mode", item: "HostPID", what: "process namespace" },
  { path: "ipc_mode", item: "HostIPC", what: "IPC namespace" },
];

export const ztCmp012 = defineRule({
  id: "ZT-CMP-012",
  title: "ECS task shares the host's network, PID or IPC namespace",
  severity: "high",
  domain: "compute",
  rationale:
    "A task in the host's network mode listens on the instance's interfaces and bypasses the task's own security " +
    "group (awsvpc mode gives each task an interface and a security group of its own); the host's PID or IPC " +
    "namespace lets it see and signal every process on the instance. Zero trust isolates each workload and " +
    "applies policy per workload.",
  remediation:
    'Use network_mode = "awsvpc" (the only mode on Fargate) with a security group per service, and leave pid_mode ' +
    'and ipc_mode unset or set them to "task".',
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-7", "SC-39", "AC-6"],
    securityHub: ["ECS.3"],
  },
  resourceTypes: TASK_DEFINITION_TYPES,
  check(r) {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < MODES.length; i++) {
      const { path, item, what } = MODES[i];
      const v = r.configuredValue(path);
      if (v.kind === "unknown") outcomes.push(unknown(`${path} is computed at apply time`, item));
      else if (v.kind === "known" && r.str(path) === "host") outcomes.push(fail(`${path} = "host": the task shares the host's ${what}`, item));
    }
    return outcomes.length > 0 ? outcomes : pass();
  },
});
