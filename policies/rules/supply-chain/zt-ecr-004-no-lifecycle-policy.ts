import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { attachedToRepository } from "./_repository";

export const ztEcr004 = defineRule({
  id: "ZT-ECR-004",
  title: "ECR repository has no lifecycle policy",
  severity: "medium",
  domain: "supply-chain",
  rationale:
    "Without a lifecycle policy a repository keeps every image ever pushed: untagged layers of abandoned builds and old releases with known vulnerabilities stay one pull away, for a rollback, a typo in a digest or an attacker who can deploy. " +
    "Expiring what is no longer deployed keeps the set of images that can run small, current and scanned.",
  remediation:
    "Add an aws_ecr_lifecycle_policy for the repository that expires untagged images after a few days and keeps only the newest images (ZT Blueprint `ImageRepository`: untagged after 7 days, the newest 30 images).",
  references: {
    nist800207: ["Tenet 5"],
    nist80053: ["CM-2", "CM-2(2)", "SI-2"],
    securityHub: ["ECR.3"],
  },
  resourceTypes: ["aws_ecr_repository"],
  check(resource, model) {
    const { attached, undecided } = attachedToRepository(resource, "aws_ecr_lifecycle_policy", model);
    if (attached.length > 0) return pass();
    if (undecided !== undefined) return unknown(`${undecided.address} may be this repository's lifecycle policy (its repository is computed at apply time)`, "LifecyclePolicy");
    return fail("no aws_ecr_lifecycle_policy for this repository in the configuration: every image pushed is kept forever", "LifecyclePolicy");
  },
});
