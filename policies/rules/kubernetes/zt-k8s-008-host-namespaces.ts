import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { WORKLOAD_TYPES, podSpec, podSpecUnknown } from "./_workloads";

const HOST = [
  ["host_network", "HostNetwork", "shares the node's network stack (sees all node traffic, bypasses NetworkPolicy)"],
  ["host_pid", "HostPID", "shares the node's process namespace (can see and signal every process)"],
  ["host_ipc", "HostIPC", "shares the node's IPC namespace (reads other workloads' shared memory)"],
] as const;

export const ztK8s008 = defineRule({
  id: "ZT-K8S-008",
  title: "Pod shares the host network, PID or IPC namespace",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "Host namespaces remove the isolation between a pod and its node: a pod on the host network is exempt from " +
    "NetworkPolicy and can reach node-local services; host PID or IPC exposes every other process. A workload " +
    "must not be trusted with the node's identity.",
  remediation: "Remove host_network, host_pid and host_ipc from the pod spec (or set them to false).",
  references: {
    nist800207: ["Tenet 2", "Tenet 6"],
    nist80053: ["SC-39", "SC-7", "AC-6"],
    cis: ["5.2.3", "5.2.4", "5.2.5"],
    checkov: ["CKV_K8S_17", "CKV_K8S_18", "CKV_K8S_19"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r) {
    const spec = podSpec(r);
    if (!spec) return podSpecUnknown(r) ? unknown("the pod spec is computed at apply time") : na("no pod spec");
    const out: Outcome[] = [];
    for (let i = 0; i < HOST.length; i++) {
      const attr = HOST[i][0];
      const item = HOST[i][1];
      const why = HOST[i][2];
      const v = spec.get(attr);
      if (v.kind === "unknown") out.push(unknown(`${attr} is computed at apply time`, item));
      else if (v.kind === "known" && (v.value === true || v.value === "true")) out.push(fail(`pod ${why}: ${attr} = true`, item));
    }
    return out.length ? out : pass();
  },
});
