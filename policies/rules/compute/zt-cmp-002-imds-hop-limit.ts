import { defineRule, fail, na, pass, unknown } from "../../engine/outcome";
import { nodeGroupsOf } from "../eks/_node-template";
import { HOST_TYPES, imdsDisabled, metadataOptions, metadataSetting } from "./_host";

/** Highest accepted hop limit: 2 lets a container on the host reach IMDSv2, more reaches further. */
const MAX_HOPS = 2;

export const ztCmp002 = defineRule({
  id: "ZT-CMP-002",
  title: "Instance metadata response hop limit is greater than 2",
  severity: "medium",
  domain: "compute",
  rationale:
    "The PUT response hop limit bounds how many network hops an IMDSv2 token may travel. 1 keeps it on the host; 2 is the minimum for containers in their own network namespace (a Docker bridge) and is accepted; more lets tokens — and therefore role credentials — be fetched through forwarding devices and nested networks. EKS nodes are held to 1: pods get credentials from EKS Pod Identity, never from the node, so the launch templates of EKS managed node groups are judged by ZT-EKS-010 on the node group (hop limit and IMDSv2 together) and not here.",
  remediation:
    "Set metadata_options.http_put_response_hop_limit to 1 (or 2 on container hosts other than EKS nodes) on the aws_instance, aws_launch_template or aws_launch_configuration, and on aws_ec2_instance_metadata_defaults if it sets a hop limit.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "SC-7"],
    checkov: ["CKV_AWS_341"],
  },
  resourceTypes: HOST_TYPES,
  check(resource, model) {
    if (resource.type === "aws_launch_template") {
      const groups = nodeGroupsOf(resource, model);
      if (groups.length > 0) return na(`launch template of EKS node group ${groups[0].address}: judged by ZT-EKS-010`);
    }
    // Absent = AWS default (1, or 2 for AMIs that declare IMDSv2 support) unless the account defaults set one.
    const src = metadataOptions(resource, model);
    if (imdsDisabled(src)) return pass();
    const { val: hop, from } = metadataSetting(resource, model, src, "http_put_response_hop_limit");
    if (hop.kind === "unknown") return unknown(`the hop limit of ${from} is unknown until apply`, "HopLimit");
    if (hop.kind === "absent") return pass();
    const n = Number(hop.value);
    if (Number.isFinite(n) && n > MAX_HOPS) return fail(`${from} sets http_put_response_hop_limit = ${n} (more than ${MAX_HOPS})`, "HopLimit");
    return pass();
  },
});
