import { defineRule, fail, pass } from "../../engine/outcome";

export const ztEks006 = defineRule({
  id: "ZT-EKS-006",
  title: "EKS managed node group allows SSH with a key pair",
  severity: "medium",
  domain: "eks",
  rationale:
    "A remote_access block installs a long-lived, shared SSH key on every node and opens port 22; without " +
    "source_security_group_ids, EKS opens it to 0.0.0.0/0. Zero trust replaces standing network credentials with " +
    "per-session, identity-based access such as SSM Session Manager.",
  remediation:
    "Remove the remote_access block from aws_eks_node_group and use SSM Session Manager (AmazonSSMManagedInstanceCore " +
    "on the node role) for break-glass access.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-17", "IA-2", "IA-5"],
    checkov: ["CKV_AWS_100"],
  },
  resourceTypes: ["aws_eks_node_group"],
  check(r) {
    const block = r.blocks("remote_access")[0];
    if (!block && !r.blocksUnknown("remote_access")) return pass();
    const sources = block?.get("source_security_group_ids");
    const list = block?.list("source_security_group_ids") ?? [];
    const world = block !== undefined && (sources?.kind === "absent" || (sources?.kind === "known" && list.length === 0));
    const key = block?.str("ec2_ssh_key");
    return fail(
      `remote_access enables SSH${key ? ` with key "${key}"` : ""}` + (world ? " and, with no source_security_group_ids, port 22 is open to 0.0.0.0/0" : ""),
      world ? "RemoteAccess::0.0.0.0/0:22" : "RemoteAccess::22",
    );
  },
});
