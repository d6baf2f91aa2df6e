import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";
import { WORKLOAD_TYPES, eachContainer, isExpr } from "./_workloads";

/** The only capability the restricted Pod Security Standard allows a container to add. */
const ALLOWED_ADD = new Set(["NET_BIND_SERVICE"]);
const WHY: Record<string, string> = {
  SYS_ADMIN: "near-root control of the kernel",
  NET_ADMIN: "reconfigures interfaces, routes and firewall rules",
  NET_RAW: "crafts raw packets and spoofs traffic",
  SYS_PTRACE: "reads and injects into other processes",
  SYS_MODULE: "loads kernel modules",
  DAC_OVERRIDE: "bypasses file permission checks",
  ALL: "grants every capability",
};

function capName(v: unknown): string {
  return String(v).toUpperCase().replace(/^CAP_/, "");
}

export const ztK8s007 = defineRule({
  id: "ZT-K8S-007",
  title: "Container does not drop ALL capabilities or adds dangerous ones",
  severity: "high",
  domain: "kubernetes",
  rationale:
    "Container runtimes grant a default capability set (including NET_RAW) that most workloads never use; added " +
    "capabilities such as SYS_ADMIN or NET_ADMIN hand kernel-level power to the process. Least privilege means " +
    "dropping everything and adding back only what the workload is proven to need.",
  remediation:
    'Set security_context.capabilities.drop = ["ALL"] on every container and init container, and add at most ' +
    "NET_BIND_SERVICE.",
  references: {
    nist800207: ["Tenet 6"],
    nist80053: ["AC-6", "CM-7"],
    cis: ["5.2.8", "5.2.9", "5.2.10"],
    checkov: ["CKV_K8S_25", "CKV_K8S_28", "CKV_K8S_37", "CKV_K8S_39"],
  },
  resourceTypes: WORKLOAD_TYPES,
  check(r, model) {
    return eachContainer(r, model, (c) => {
      const out: Outcome[] = [];
      const drop = c.view.get("security_context.capabilities.drop");
      if (drop.kind === "unknown") out.push(unknown(`capabilities.drop of ${c.label} is computed at apply time`, c.item));
      else {
        const list = drop.kind === "known" ? (Array.isArray(drop.value) ? drop.value : [drop.value]) : [];
        if (list.some((d) => !isExpr(d) && capName(d) === "ALL")) out.push(pass(c.item));
        else if (list.some(isExpr)) out.push(unknown(`capabilities.drop of ${c.label} holds values computed at apply time`, c.item));
        else out.push(fail(`${c.label} does not drop ALL capabilities${list.length ? ` (drops only ${list.map(capName).join(", ")})` : ""}`, c.item));
      }
      const add = c.view.get("security_context.capabilities.add");
      if (add.kind === "unknown") out.push(unknown(`capabilities.add of ${c.label} is computed at apply time`, `${c.item}:add`));
      if (add.kind === "known") {
        const added = Array.isArray(add.value) ? add.value : [add.value];
        for (let i = 0; i < added.length; i++) {
          const a = added[i];
          if (isExpr(a)) {
            out.push(unknown(`${c.label} adds a capability computed at apply time`, `${c.item}:add`));
            continue;
          }
          const cap = capName(a);
          if (ALLOWED_ADD.has(cap)) continue;
          const why = WHY[cap] ? ` (${WHY[cap]})` : "";
          out.push(fail(`${c.label} adds capability ${cap}${why}`, `${c.item}:CAP_${cap}`));
        }
      }
      return out;
    });
  },
});
