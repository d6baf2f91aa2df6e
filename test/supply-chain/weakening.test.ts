import { TerraformStack } from "cdktf";
import { ImageRepository } from "../../constructs/supply-chain";
import { ztEcr001 } from "../../policies/rules/supply-chain";
import { Policy } from "../../policies/policy";
import { only, packVerdict } from "../identity/harness";
import { synthModel } from "../support/rules";
import { ordersRepository } from "./fixtures";

/** The unsuppressed findings of the stack, as `ruleId resource-type.construct-path` (logical id hashes left out). */
function findings(stack: TerraformStack): string[] {
  return packVerdict(stack)
    .unsuppressed.map((line) => /^(ZT-[A-Z0-9]+-\d+)\S* \w+ ([^:]+):/.exec(line)!)
    .map(([, id, address]) => `${id} ${address.replace(/_[0-9A-F]{8}$/, "")}`)
    .sort();
}

/** The fixture repository with one value of its resources changed by `weaken`, as a hand-edited copy would have it. */
function twin(weaken: (repository: ImageRepository) => void): TerraformStack {
  const { stack, repository } = ordersRepository();
  weaken(repository);
  return stack;
}

const REPOSITORY = "aws_ecr_repository.orders-images_repository";
const POLICY = "aws_ecr_repository_policy.orders-images_policy";

describe("insecure twins of ImageRepository's defaults fail the pack with the matching finding", () => {
  test("the construct itself has none", () => {
    expect(findings(ordersRepository().stack)).toEqual([]);
  });

  test.each([
    ["mutable tags", (r: ImageRepository) => r.repository.addOverride("image_tag_mutability", "MUTABLE"), [`ZT-ECR-001 ${REPOSITORY}`]],
    ["no scan on push", (r: ImageRepository) => r.repository.addOverride("image_scanning_configuration", null), [`ZT-ECR-002 ${REPOSITORY}`]],
    [
      "AES256 encryption",
      (r: ImageRepository) => {
        r.repository.addOverride("encryption_configuration.0.encryption_type", "AES256");
        r.repository.addOverride("encryption_configuration.0.kms_key", null);
      },
      [`ZT-ECR-003 ${REPOSITORY}`],
    ],
    ["the AWS managed key aws/ecr", (r: ImageRepository) => r.repository.addOverride("encryption_configuration.0.kms_key", null), [`ZT-ECR-003 ${REPOSITORY}`]],
    ["no lifecycle policy", (r: ImageRepository) => r.lifecyclePolicy.addOverride("repository", "other"), [`ZT-ECR-004 ${REPOSITORY}`]],
    [
      "a policy letting any principal pull",
      (r: ImageRepository) =>
        r.policy.addOverride("policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: ["ecr:BatchGetImage"] }] })),
      [`ZT-ECR-005 ${POLICY}`, `ZT-IAM-010 ${POLICY}`],
    ],
    [
      "a policy letting a whole account push",
      (r: ImageRepository) =>
        r.policy.addOverride("policy", JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: ["ecr:PutImage"] }] })),
      [`ZT-ECR-005 ${POLICY}`],
    ],
  ])("%s", (_name, weaken, expected) => {
    expect(findings(twin(weaken))).toEqual(expected);
  });
});

describe("ImageRepository's weakening prop records its suppression with the reason", () => {
  test("mutableTags: MUTABLE tags, ZT-ECR-001 suppressed on the repository with the caller's reason and expiry", () => {
    const { stack, repository } = ordersRepository({ mutableTags: { reason: "the legacy deployer pulls the latest tag", expires: "2027-06-30" } });
    expect(only(stack, "aws_ecr_repository").image_tag_mutability).toBe("MUTABLE");
    expect(Policy.suppressionsOf(repository.repository)).toEqual([
      { id: ztEcr001.id, reason: 'mutableTags on ImageRepository "orders-images": the legacy deployer pulls the latest tag', expires: "2027-06-30" },
    ]);
    const verdict = packVerdict(stack);
    expect(verdict.unsuppressed).toEqual([]);
    expect(verdict.suppressed.map((s) => s.replace(/_[0-9A-F]{8}$/, ""))).toEqual([`ZT-ECR-001 ${REPOSITORY}`]);
    const [result] = synthModel(stack).resources.filter((r) => r.type === "aws_ecr_repository");
    expect(result.suppressions.map((s) => s.id)).toEqual(["ZT-ECR-001"]);
  });
});
