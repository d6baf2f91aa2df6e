import { defineRule, fail, pass, unknown } from "../../engine/outcome";

export const ztEcr001 = defineRule({
  id: "ZT-ECR-001",
  title: "ECR repository lets image tags be overwritten (mutable tags)",
  severity: "medium",
  domain: "supply-chain",
  rationale:
    "With mutable tags, anyone who can push moves a tag such as `v1.4.2` or `release` to other content, and every host or pod that pulls by tag runs it on its next start: one stolen CI credential replaces what production runs without a change to any deployment. " +
    "Immutable tags make a tag name one image forever, so what was reviewed and scanned is what runs; services should still pull by digest (`<repository>@sha256:...`).",
  remediation:
    'Set `image_tag_mutability = "IMMUTABLE"` on the aws_ecr_repository (ZT Blueprint `ImageRepository` does by default) and publish each build under a new tag. ' +
    "A repository that must move a tag records a suppression with the reason (`ImageRepository` `mutableTags: { reason }`).",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CM-2", "CM-8(1)", "SI-7"],
    checkov: ["CKV_AWS_51"],
    securityHub: ["ECR.2"],
  },
  resourceTypes: ["aws_ecr_repository"],
  check(resource) {
    const mutability = resource.configuredValue("image_tag_mutability");
    if (mutability.kind === "unknown") return unknown("image_tag_mutability is computed at apply time", "TagMutability");
    if (mutability.kind === "absent") {
      return fail("image_tag_mutability is not set and ECR defaults to MUTABLE: a push can move any tag to other content", "TagMutability::MUTABLE");
    }
    if (mutability.value === "IMMUTABLE") return pass();
    return fail(`image_tag_mutability is ${JSON.stringify(mutability.value)}: a push can move a tag to other content`, `TagMutability::${String(mutability.value)}`);
  },
});
