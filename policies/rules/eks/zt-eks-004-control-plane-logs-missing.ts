import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { Outcome } from "../../engine/types";

const REQUIRED = ["audit", "authenticator"] as const;

export const ztEks004 = defineRule({
  id: "ZT-EKS-004",
  title: "EKS control-plane audit or authenticator logs are disabled",
  severity: "medium",
  domain: "eks",
  rationale:
    "The audit log records every request to the Kubernetes API (who did what to which object) and the " +
    "authenticator log records which IAM identity each caller mapped to. Zero trust requires that evidence to " +
    "detect misuse of credentials and to refine RBAC; EKS enables no control-plane log types by default.",
  remediation: "Set enabled_cluster_log_types to include at least \"audit\" and \"authenticator\" (preferably also \"api\").",
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["AU-2", "AU-3", "AU-12"],
    checkov: ["CKV_AWS_37"],
    cdkNag: ["AwsSolutions-EKS2"],
    securityHub: ["EKS.8"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r) {
    const v = r.get("enabled_cluster_log_types");
    if (v.kind === "unknown") return unknown("enabled_cluster_log_types is computed at apply time");
    const list = r.list("enabled_cluster_log_types") ?? [];
    const exprs = list.some((t) => typeof t === "string" && t.includes("${"));
    const out: Outcome[] = [];
    for (let i = 0; i < REQUIRED.length; i++) {
      const type = REQUIRED[i];
      if (list.includes(type)) out.push(pass(`LogType::${type}`));
      else if (exprs) out.push(unknown(`enabled_cluster_log_types holds expressions; "${type}" may be missing`, `LogType::${type}`));
      else out.push(fail(`enabled_cluster_log_types does not include "${type}"`, `LogType::${type}`));
    }
    return out;
  },
});
