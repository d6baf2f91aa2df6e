import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztCmp010 = defineRule({
  id: "ZT-CMP-010",
  title: "AMI is shared with everyone",
  severity: "high",
  domain: "compute",
  rationale:
    "A launch permission for group \"all\" makes the AMI public: anyone can launch it and read its snapshots, including baked-in configuration, keys and internal endpoints. Images are enterprise resources and are shared only with named accounts or organizations.",
  remediation:
    "Share the image with account_id, organization_arn or organizational_unit_arn instead of group = \"all\", and enable aws_ec2_image_block_public_access with state = \"block-new-sharing\".",
  references: {
    nist800207: ["Tenet 1", "Tenet 6"],
    nist80053: ["AC-3", "AC-21", "SC-28"],
    checkov: ["CKV_AWS_205"],
  },
  resourceTypes: ["aws_ami_launch_permission"],
  check(resource, model) {
    // The regional image block-public-access setting makes AWS refuse new public sharing.
    const blocked = model
      .ofTypeIn("aws_ec2_image_block_public_access", resource)
      .some((b) => b.str("state") === "block-new-sharing");
    const group = resource.getConfigured("group");
    if (group.kind === "unknown") return blocked ? pass() : unknown("the launch permission group is unknown until apply", "Group");
    if (group.kind === "known" && String(group.value).toLowerCase() === "all") {
      return blocked ? pass() : fail("group = \"all\" makes the AMI public", "Group::all");
    }
    return pass();
  },
});
