import { defineRule, fail, pass, unknown } from "../../engine/outcome";
import { judgeKmsKey } from "../secrets/_kms";

export const ztEcr003 = defineRule({
  id: "ZT-ECR-003",
  title: "ECR repository is not encrypted with a customer-managed KMS key (AES256 or the AWS managed aws/ecr key)",
  severity: "medium",
  domain: "supply-chain",
  rationale:
    "Images hold a service's code, its dependencies and often configuration that maps its internals. Under ECR's default AES256 encryption (an S3-managed key) or the AWS managed `aws/ecr` key, whoever the repository's and IAM policies let pull reads them: there is no key policy that can refuse, disable or audit their use separately. " +
    "A customer-managed key adds a second, independent decision on every push and pull, and its grants and key usage are recorded in CloudTrail.",
  remediation:
    'Create the repository with `encryption_configuration { encryption_type = "KMS", kms_key = <customer-managed key ARN> }` (ZT Blueprint `ImageRepository` uses the service\'s key or creates one). ' +
    "The key's policy must let the principal that creates the repository create grants through ECR (`kms:CreateGrant` with `kms:ViaService` `ecr.<region>.amazonaws.com` and `kms:GrantIsForAWSResource`). The encryption of an existing repository cannot change: create a new repository and push the images again.",
  references: {
    nist800207: ["Tenet 4", "Tenet 6"],
    nist80053: ["SC-12", "SC-13", "SC-28", "SC-28(1)"],
    checkov: ["CKV_AWS_136"],
    securityHub: ["ECR.5"],
  },
  resourceTypes: ["aws_ecr_repository"],
  check(resource, model) {
    const type = resource.configuredValue("encryption_configuration.encryption_type");
    if (type.kind === "unknown") return unknown("encryption_configuration.encryption_type is computed at apply time", "Encryption");
    if (type.kind === "absent" || type.value === "AES256") {
      const why = type.kind === "absent" ? "no encryption type is set, so ECR uses AES256" : "encryption_type is AES256";
      return fail(`${why}: images are encrypted under an S3-managed key that no key policy controls`, "Encryption::AES256");
    }
    const key = judgeKmsKey(resource, "encryption_configuration.kms_key", model);
    switch (key.kind) {
      case "customer":
        return pass();
      case "absent":
        return fail(`encryption_type is ${String(type.value)} without kms_key: ECR uses the AWS managed key aws/ecr`, "Encryption::aws/ecr");
      case "aws-managed":
        return fail(`kms_key is the AWS managed key ${key.detail}`, "Encryption::aws/ecr");
      default:
        return unknown(`kms_key comes from ${key.detail}; cannot tell whether it is customer managed`, "Encryption");
    }
  },
});
