import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { booleanOf, registryScanOf } from "./_repository";

export const ztEcr002 = defineRule({
  id: "ZT-ECR-002",
  title: "ECR repository's images are not scanned for vulnerabilities (no scan on push, no registry scanning rule)",
  severity: "high",
  domain: "supply-chain",
  rationale:
    "An image nobody scans carries its known vulnerabilities into every host and pod that runs it, and nobody learns of them until they are exploited. Zero trust keeps measuring the security posture of every asset: each pushed image is scanned, and its findings reach the team before it is deployed. " +
    "ECR scans a repository's images when the repository sets scan on push (basic scanning), or when the registry's scanning configuration (`aws_ecr_registry_scanning_configuration`, one per account and region) has a rule scanning on push or continuously whose filter matches the repository's name. " +
    "The rule reads that configuration only in the same configuration as the repository: a registry configured elsewhere is not visible here.",
  remediation:
    "Set `image_scanning_configuration { scan_on_push = true }` on the repository (ZT Blueprint `ImageRepository` does), or declare the registry's scanning configuration with a rule that covers it: " +
    'ZT Blueprint `RegistryScanning` (enhanced scanning with Amazon Inspector, continuous, filter `*` by default). When the registry is configured in another stack, record a suppression naming it.',
  references: {
    nist800207: ["Tenet 5", "Tenet 7"],
    nist80053: ["RA-5", "SI-2", "SI-7"],
    checkov: ["CKV_AWS_163"],
    securityHub: ["ECR.1"],
  },
  resourceTypes: ["aws_ecr_repository"],
  check(resource, model) {
    const onPush = resource.configuredValue("image_scanning_configuration.scan_on_push");
    if (booleanOf(onPush) === true) return pass();
    const registry = registryScanOf(resource, model);
    if (registry.scanned === true) return pass();
    if (onPush.kind === "unknown") return unknown("image_scanning_configuration.scan_on_push is computed at apply time", "ImageScanning");
    if (registry.scanned === undefined) return unknown(registry.why, "ImageScanning");
    const repository = onPush.kind === "absent" ? "scan_on_push is not set (ECR defaults to false)" : "scan_on_push is false";
    return fail(`images are never scanned: ${repository}, and no aws_ecr_registry_scanning_configuration in the configuration scans this repository on push or continuously`, "ImageScanning");
  },
});
