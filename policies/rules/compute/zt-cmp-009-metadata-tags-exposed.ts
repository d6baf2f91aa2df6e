import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { HOST_TYPES, imdsDisabled, metadataOptions, metadataSetting } from "./_host";

export const ztCmp009 = defineRule({
  id: "ZT-CMP-009",
  title: "Instance tags are exposed through the metadata service",
  severity: "low",
  domain: "compute",
  rationale:
    "With instance_metadata_tags enabled every process on the host — and anything that can reach IMDS through it — reads all instance tags, which often name environments, owners, cost centres and sometimes secrets. Least privilege means workloads receive only the metadata they need.",
  remediation:
    "Leave metadata_options.instance_metadata_tags unset or \"disabled\" (and do not enable it in aws_ec2_instance_metadata_defaults); pass configuration to workloads through SSM Parameter Store instead.",
  references: {
    nist800207: ["Tenet 3"],
    nist80053: ["AC-3", "AC-6"],
  },
  resourceTypes: HOST_TYPES,
  check(resource, model) {
    const src = metadataOptions(resource, model);
    if (imdsDisabled(src)) return pass();
    const { val: tags, from } = metadataSetting(resource, model, src, "instance_metadata_tags");
    if (tags.kind === "unknown") return unknown(`instance_metadata_tags of ${from} is unknown until apply`, "MetadataTags");
    if (tags.kind === "known" && tags.value === "enabled") return fail(`${from} sets instance_metadata_tags = "enabled"`, "MetadataTags");
    return pass();
  },
});
