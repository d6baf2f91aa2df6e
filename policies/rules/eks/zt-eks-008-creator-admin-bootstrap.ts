import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztEks008 = defineRule({
  id: "ZT-EKS-008",
  title: "EKS cluster creator keeps standing cluster-admin access",
  severity: "low",
  domain: "eks",
  rationale:
    "Bootstrapping the creator as cluster admin leaves the deployment role (often a CI pipeline) with permanent, " +
    "implicit system:masters-level access that no access entry or policy in the configuration shows. Zero trust " +
    "grants least privilege explicitly and per role.",
  remediation:
    "Set access_config { bootstrap_cluster_creator_admin_permissions = false } and grant administrators explicitly " +
    "with aws_eks_access_entry / aws_eks_access_policy_association.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-2", "AC-6", "AC-6(5)"],
  },
  resourceTypes: ["aws_eks_cluster"],
  check(r) {
    const block = r.blocks("access_config")[0];
    // access_config is optional+computed: in a plan an omitted block is unknown with no configuration expression.
    if (!block && r.blocksUnknown("access_config") && r.configured("access_config")) return unknown("access_config is computed at apply time");
    // No access_config: the provider sends no access configuration and the EKS API default (true) applies.
    if (!block) return fail("access_config is not set: EKS bootstraps the creator as cluster admin by default", "BootstrapCreatorAdmin");
    const v = block.get("bootstrap_cluster_creator_admin_permissions");
    if (v.kind === "unknown") return unknown("bootstrap_cluster_creator_admin_permissions is computed at apply time");
    // With the block present and the flag left out, the provider sends false.
    if (block.bool("bootstrap_cluster_creator_admin_permissions") === true) {
      return fail("bootstrap_cluster_creator_admin_permissions is true", "BootstrapCreatorAdmin");
    }
    return pass();
  },
});
