import { App, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EcrLifecyclePolicy } from "@cdktf/provider-aws/lib/ecr-lifecycle-policy";
import { EcrRegistryScanningConfiguration } from "@cdktf/provider-aws/lib/ecr-registry-scanning-configuration";
import { EcrRepository } from "@cdktf/provider-aws/lib/ecr-repository";
import { EcrRepositoryPolicy } from "@cdktf/provider-aws/lib/ecr-repository-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";

const ACCOUNT = "111122223333";
const PULLER = `arn:aws:iam::${ACCOUNT}:role/orders`;
const LIFECYCLE = JSON.stringify({
  rules: [{ rulePriority: 1, selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 7 }, action: { type: "expire" } }],
});

/** A repository policy document of `statements`. */
function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * ECR repositories: every provider default, a hardened one, one scanned by the registry's configuration with the AWS
 * managed key and mutable tags, one under the `alias/aws/ecr` key without a lifecycle policy; and repository policies
 * open to anyone, to a whole account, to named roles, and to an organization.
 */
export function supplyChainFixture(): TerraformStack {
  const app = new App();
  const stack = new TerraformStack(app, "supply-chain");
  new AwsProvider(stack, "aws", { region: "eu-west-1" });

  const key = new KmsKey(stack, "images", { description: "ECR images", enableKeyRotation: true, deletionWindowInDays: 30 });
  const defaults = new EcrRepository(stack, "defaults", { name: "defaults" });
  const hardened = new EcrRepository(stack, "hardened", {
    name: "orders",
    imageTagMutability: "IMMUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: key.arn }],
  });
  const kmsDefault = new EcrRepository(stack, "kms_default", {
    name: "team/kms-default",
    imageTagMutability: "MUTABLE",
    imageScanningConfiguration: { scanOnPush: false },
    encryptionConfiguration: [{ encryptionType: "KMS" }],
  });
  const aliased = new EcrRepository(stack, "alias_key", {
    name: "aliased",
    imageTagMutability: "IMMUTABLE",
    imageScanningConfiguration: { scanOnPush: true },
    encryptionConfiguration: [{ encryptionType: "KMS", kmsKey: "alias/aws/ecr" }],
  });

  // Lifecycle policies: by reference, and by the repository's literal name.
  new EcrLifecyclePolicy(stack, "hardened_lifecycle", { repository: hardened.name, policy: LIFECYCLE });
  new EcrLifecyclePolicy(stack, "by_name_lifecycle", { repository: "team/kms-default", policy: LIFECYCLE });

  // The registry scans team/* on push; a manual rule for everything scans nothing by itself.
  new EcrRegistryScanningConfiguration(stack, "registry", {
    scanType: "BASIC",
    rule: [
      { scanFrequency: "SCAN_ON_PUSH", repositoryFilter: [{ filter: "team/*", filterType: "WILDCARD" }] },
      { scanFrequency: "MANUAL", repositoryFilter: [{ filter: "*", filterType: "WILDCARD" }] },
    ],
  });

  new EcrRepositoryPolicy(stack, "hardened_policy", {
    repository: hardened.name,
    policy: policy(
      { Sid: "Pull", Effect: "Allow", Principal: { AWS: PULLER }, Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] },
      { Sid: "DenyOutside", Effect: "Deny", Principal: "*", Action: "ecr:*", Condition: { StringNotEquals: { "aws:PrincipalAccount": ACCOUNT } } },
    ),
  });
  new EcrRepositoryPolicy(stack, "public_policy", {
    repository: defaults.name,
    policy: policy({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] }),
  });
  new EcrRepositoryPolicy(stack, "account_policy", {
    repository: kmsDefault.name,
    policy: policy({ Sid: "OtherAccount", Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: ["ecr:PutImage"] }),
  });
  new EcrRepositoryPolicy(stack, "org_policy", {
    repository: aliased.name,
    policy: policy(
      { Sid: "Organization", Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage"], Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } },
      { Sid: "NamedInAccount", Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: ["ecr:BatchGetImage"], Condition: { ArnEquals: { "aws:PrincipalArn": PULLER } } },
    ),
  });
  return stack;
}
