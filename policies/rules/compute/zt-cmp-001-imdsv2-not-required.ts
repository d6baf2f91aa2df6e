import { ABSENT } from "../../engine/view";
import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { HOST_TYPES, imdsDisabled, metadataDefaults, metadataOptions } from "./_host";

export const ztCmp001 = defineRule({
  id: "ZT-CMP-001",
  title: "Instance metadata service allows IMDSv1",
  severity: "high",
  domain: "compute",
  rationale:
    "IMDSv1 answers any unauthenticated GET from the host, so one SSRF or open proxy in a workload hands out the instance role's credentials. IMDSv2 requires a session token obtained with a PUT, binding credential access to a deliberate, per-session request.",
  remediation:
    "Set metadata_options { http_tokens = \"required\" } on the aws_instance, aws_launch_template or aws_launch_configuration (the ZT Blueprint HardenedHost does this), or declare aws_ec2_instance_metadata_defaults with http_tokens = \"required\" for the account and region.",
  references: {
    nist800207: ["Tenet 3", "Tenet 6"],
    nist80053: ["AC-3", "IA-5", "SC-23"],
    cis: ["5.6"],
    checkov: ["CKV_AWS_79"],
    cdkNag: ["NIST.800.53.R5-EC2IMDSv2Enabled"],
    securityHub: ["EC2.8", "EC2.170", "AutoScaling.3"],
  },
  resourceTypes: HOST_TYPES,
  check(resource, model) {
    // Missing block or missing http_tokens = the provider sends nothing and the account/AMI default applies, which is
    // IMDSv1-capable unless aws_ec2_instance_metadata_defaults (same stack) requires tokens.
    const src = metadataOptions(resource, model);
    if (imdsDisabled(src)) return pass();
    const tokens = src.options ? src.options.getConfigured("http_tokens") : ABSENT;
    if (tokens.kind === "unknown") return unknown(`http_tokens of ${src.from} is unknown until apply`, "HttpTokens");
    if (tokens.kind === "known") {
      return tokens.value === "required" ? pass() : fail(`${src.from} sets http_tokens = "${String(tokens.value)}", so IMDSv1 answers without a session token`, "HttpTokens");
    }
    const defaults = metadataDefaults(resource, model);
    if (defaults) {
      const d = defaults.getConfigured("http_tokens");
      if (d.kind === "known" && d.value === "required") return pass();
      if (d.kind === "unknown") return unknown(`http_tokens of ${defaults.address} is unknown until apply`, "HttpTokens");
    }
    return fail("no metadata_options.http_tokens is set and no aws_ec2_instance_metadata_defaults requires tokens, so IMDSv1 stays enabled", "HttpTokens");
  },
});
