import { Model } from "../../../policies/engine/model";
import { Rule } from "../../../policies/engine/types";
import { ztIam010 } from "../../../policies/rules/identity/zt-iam-010-resource-policy-any-principal";
import { supplyChainRules } from "../../../policies/rules/supply-chain";
import { ztEcr001 } from "../../../policies/rules/supply-chain/zt-ecr-001-mutable-tags";
import { ztEcr002 } from "../../../policies/rules/supply-chain/zt-ecr-002-images-not-scanned";
import { ztEcr003 } from "../../../policies/rules/supply-chain/zt-ecr-003-aws-managed-encryption";
import { ztEcr004 } from "../../../policies/rules/supply-chain/zt-ecr-004-no-lifecycle-policy";
import { ztEcr005 } from "../../../policies/rules/supply-chain/zt-ecr-005-repository-policy-open";
import { scanFilterMatches } from "../../../policies/rules/supply-chain/_repository";
import { configModel, describeFixtureModes, expectTableCovers, itExpectsRules, resultsOf, RuleTable } from "../../support/rules";
import { supplyChainFixture } from "./fixture";

const R = (name: string) => `aws_ecr_repository.${name}`;
const P = (name: string) => `aws_ecr_repository_policy.${name}`;

/** Expected addresses per rule; the same for the synthesized configuration and the plan. */
const EXPECTED: RuleTable = [
  [ztEcr001, { fail: [R("defaults"), R("kms_default")], pass: [R("hardened"), R("alias_key")] }],
  [ztEcr002, { fail: [R("defaults")], pass: [R("hardened"), R("kms_default"), R("alias_key")] }],
  [ztEcr003, { fail: [R("defaults"), R("kms_default"), R("alias_key")], pass: [R("hardened")] }],
  [ztEcr004, { fail: [R("defaults"), R("alias_key")], pass: [R("hardened"), R("kms_default")] }],
  [ztEcr005, { fail: [P("public_policy"), P("account_policy")], pass: [P("hardened_policy"), P("org_policy")] }],
];

describe("supply-chain rules", () => {
  it("have one row each in EXPECTED, in id order", () => expectTableCovers(EXPECTED, supplyChainRules));

  describeFixtureModes("on the fixture", supplyChainFixture, (model) => {
    itExpectsRules(EXPECTED, model);

    it("name what is wrong: the default mutability, the AWS managed keys, the account a policy opens to", () => {
      const message = (rule: Rule, address: string) => resultsOf(rule, model()).find((r) => r.address === address && r.status === "fail")?.message;
      expect(message(ztEcr001, R("defaults"))).toBe("image_tag_mutability is not set and ECR defaults to MUTABLE: a push can move any tag to other content");
      expect(message(ztEcr002, R("defaults"))).toBe(
        "images are never scanned: scan_on_push is not set (ECR defaults to false), and no aws_ecr_registry_scanning_configuration in the configuration scans this repository on push or continuously",
      );
      expect(message(ztEcr003, R("defaults"))).toBe("no encryption type is set, so ECR uses AES256: images are encrypted under an S3-managed key that no key policy controls");
      expect(message(ztEcr003, R("kms_default"))).toBe("encryption_type is KMS without kms_key: ECR uses the AWS managed key aws/ecr");
      expect(message(ztEcr003, R("alias_key"))).toBe("kms_key is the AWS managed key alias/aws/ecr");
      expect(message(ztEcr005, P("account_policy"))).toBe(
        "policy: statement OtherAccount admits every principal of account 444455556666 (any role or user there whose IAM policies allow it), not named roles, without a condition on aws:PrincipalArn",
      );
      const items = resultsOf(ztEcr005, model()).filter((r) => r.status === "fail").map((r) => r.item).sort();
      expect(items).toEqual(["Principal::*", "Principal::444455556666"]);
    });
  });
});

const repository = (extra: Record<string, unknown> = {}) => ({ name: "orders", image_tag_mutability: "IMMUTABLE", ...extra });
const cfg = (resources: Record<string, Record<string, unknown>>, more: Record<string, unknown> = {}) => configModel({ resource: resources, ...more });
const statuses = (rule: Rule, model: Model) => resultsOf(rule, model).map((r) => `${r.address}:${r.status}`);
const doc = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("supply-chain rules on tricky shapes", () => {
  it("ZT-ECR-001: a mutability from a variable is unknown; anything but IMMUTABLE fails with its value", () => {
    const model = cfg({
      aws_ecr_repository: {
        from_var: repository({ image_tag_mutability: "${var.mutability}" }),
        with_exclusions: repository({ image_tag_mutability: "IMMUTABLE_WITH_EXCLUSION" }),
      },
    });
    expect(resultsOf(ztEcr001, model).map((r) => `${r.address}:${r.status}:${r.item}`)).toEqual([
      "aws_ecr_repository.from_var:unknown:TagMutability",
      "aws_ecr_repository.with_exclusions:fail:TagMutability::IMMUTABLE_WITH_EXCLUSION",
    ]);
  });

  it("ZT-ECR-002: registry filters match as ECR matches them; computed settings, filters or names are unknown", () => {
    const registry = (filter: string, frequency = "SCAN_ON_PUSH", scanType = "BASIC") => ({
      scan_type: scanType,
      rule: [{ scan_frequency: frequency, repository_filter: [{ filter, filter_type: "WILDCARD" }] }],
    });
    const model = (filter: string, repos: Record<string, unknown>, frequency?: string, scanType?: string) =>
      cfg({ aws_ecr_repository: repos, aws_ecr_registry_scanning_configuration: { registry: registry(filter, frequency, scanType) } });
    // A filter without a wildcard matches the names that contain it; one with wildcards matches whole names.
    expect(statuses(ztEcr002, model("orders", { contains: repository({ name: "team/orders-api" }), other: repository({ name: "payments" }) }))).toEqual([
      "aws_ecr_repository.contains:pass",
      "aws_ecr_repository.other:fail",
    ]);
    expect(statuses(ztEcr002, model("payments/*", { orders: repository(), payments: repository({ name: "payments/api" }) }, "CONTINUOUS_SCAN", "ENHANCED"))).toEqual([
      "aws_ecr_repository.orders:fail",
      "aws_ecr_repository.payments:pass",
    ]);
    expect(statuses(ztEcr002, model("${var.filter}", { orders: repository() }))).toEqual(["aws_ecr_repository.orders:unknown"]);
    expect(statuses(ztEcr002, model("*", { named_by_var: repository({ name: "${var.name}" }) }))).toEqual(["aws_ecr_repository.named_by_var:pass"]);
    expect(statuses(ztEcr002, model("orders*", { named_by_var: repository({ name: "${var.name}" }) }))).toEqual(["aws_ecr_repository.named_by_var:unknown"]);
    expect(statuses(ztEcr002, model("*", { orders: repository() }, "${var.frequency}"))).toEqual(["aws_ecr_repository.orders:unknown"]);
    const onPush = cfg({ aws_ecr_repository: { from_var: repository({ image_scanning_configuration: { scan_on_push: "${var.scan}" } }), text: repository({ image_scanning_configuration: { scan_on_push: "true" } }) } });
    expect(statuses(ztEcr002, onPush)).toEqual(["aws_ecr_repository.from_var:unknown", "aws_ecr_repository.text:pass"]);
  });

  it("ZT-ECR-002: scanFilterMatches reads * as any run of characters and a plain filter as a part of the name", () => {
    expect(scanFilterMatches("*", "a/b")).toBe(true);
    expect(scanFilterMatches("team/*", "team/a/b")).toBe(true);
    expect(scanFilterMatches("team/*", "other/team/a")).toBe(false);
    expect(scanFilterMatches("*api", "orders-api")).toBe(true);
    expect(scanFilterMatches("*api", "api-orders")).toBe(false);
    expect(scanFilterMatches("a.b", "axb")).toBe(false);
    expect(scanFilterMatches("rder", "orders")).toBe(true);
  });

  it("ZT-ECR-003: customer keys by reference or literal ARN pass, AWS managed aliases fail, computed keys and types are unknown", () => {
    const encrypted = (encryption: Record<string, unknown>) => repository({ encryption_configuration: [encryption] });
    const model = cfg(
      {
        aws_ecr_repository: {
          by_ref: encrypted({ encryption_type: "KMS", kms_key: "${aws_kms_key.k.arn}" }),
          literal: encrypted({ encryption_type: "KMS", kms_key: "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d" }),
          dsse: encrypted({ encryption_type: "KMS_DSSE", kms_key: "${aws_kms_key.k.arn}" }),
          aws_alias_arn: encrypted({ encryption_type: "KMS", kms_key: "arn:aws:kms:eu-west-1:111122223333:alias/aws/ecr" }),
          data_alias: encrypted({ encryption_type: "KMS", kms_key: "${data.aws_kms_alias.ecr.target_key_arn}" }),
          var_key: encrypted({ encryption_type: "KMS", kms_key: "${var.key}" }),
          var_type: encrypted({ encryption_type: "${var.type}" }),
          explicit_aes: encrypted({ encryption_type: "AES256" }),
        },
        aws_kms_key: { k: { description: "k" } },
      },
      { data: { aws_kms_alias: { ecr: { name: "alias/aws/ecr" } } } },
    );
    expect(statuses(ztEcr003, model)).toEqual([
      "aws_ecr_repository.by_ref:pass",
      "aws_ecr_repository.literal:pass",
      "aws_ecr_repository.dsse:pass",
      "aws_ecr_repository.aws_alias_arn:fail",
      "aws_ecr_repository.data_alias:fail",
      "aws_ecr_repository.var_key:unknown",
      "aws_ecr_repository.var_type:unknown",
      "aws_ecr_repository.explicit_aes:fail",
    ]);
  });

  it("ZT-ECR-004: a lifecycle policy of another repository does not count; one for a repository from a variable may be this one's", () => {
    const lifecycle = (target: string) => ({ repository: target, policy: '{"rules":[]}' });
    const model = cfg({
      aws_ecr_repository: { orders: repository(), payments: repository({ name: "payments" }) },
      aws_ecr_lifecycle_policy: { payments: lifecycle("${aws_ecr_repository.payments.name}") },
    });
    expect(statuses(ztEcr004, model)).toEqual(["aws_ecr_repository.orders:fail", "aws_ecr_repository.payments:pass"]);
    const maybe = cfg({ aws_ecr_repository: { orders: repository() }, aws_ecr_lifecycle_policy: { any: lifecycle("${var.repository}") } });
    expect(resultsOf(ztEcr004, maybe).map((r) => `${r.status}:${r.message}`)).toEqual([
      "unknown:aws_ecr_lifecycle_policy.any may be this repository's lifecycle policy (its repository is computed at apply time)",
    ]);
  });

  it("ZT-ECR-005: only caller conditions narrow; NotPrincipal, network-only conditions and catch-all values do not", () => {
    const policyOf = (...statements: Record<string, unknown>[]) => ({ repository: "orders", policy: doc(...statements) });
    const allow = (principal: unknown, condition?: Record<string, unknown>) => ({ Effect: "Allow", Principal: principal, Action: "ecr:BatchGetImage", ...(condition ? { Condition: condition } : {}) });
    const model = cfg({
      aws_ecr_repository_policy: {
        not_principal: policyOf({ Effect: "Allow", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/x" }, Action: "ecr:BatchGetImage" }),
        endpoint_only: policyOf(allow("*", { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } })),
        org_wildcard: policyOf(allow("*", { StringEquals: { "aws:PrincipalOrgID": "o-*" } })),
        account_exact: policyOf(allow("*", { StringEquals: { "aws:PrincipalAccount": "111122223333" } })),
        bare_account_id: policyOf(allow({ AWS: "111122223333" })),
        account_by_principal_arn: policyOf(allow({ AWS: "arn:aws:iam::111122223333:root" }, { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ci-*" } })),
        principal_var: policyOf(allow({ AWS: "${var.principal}" })),
        deny_only: policyOf({ Effect: "Deny", Principal: "*", Action: "ecr:*", Condition: { StringNotEquals: { "aws:PrincipalAccount": "111122223333" } } }),
        from_data: { repository: "orders", policy: "${data.aws_iam_policy_document.p.json}" },
      },
    });
    expect(resultsOf(ztEcr005, model).map((r) => `${r.address}:${r.status}:${r.item ?? ""}`)).toEqual([
      "aws_ecr_repository_policy.not_principal:fail:NotPrincipal::*",
      "aws_ecr_repository_policy.endpoint_only:fail:Principal::*",
      "aws_ecr_repository_policy.org_wildcard:fail:Principal::*",
      "aws_ecr_repository_policy.account_exact:pass:",
      "aws_ecr_repository_policy.bare_account_id:fail:Principal::111122223333",
      "aws_ecr_repository_policy.account_by_principal_arn:pass:",
      "aws_ecr_repository_policy.principal_var:unknown:Principal::*",
      "aws_ecr_repository_policy.deny_only:pass:",
      "aws_ecr_repository_policy.from_data:unknown:",
    ]);
    // ZT-IAM-010 accepts a network condition for `*`; for who pulls a service's images, this rule does not.
    expect(resultsOf(ztIam010, model).find((r) => r.address === "aws_ecr_repository_policy.endpoint_only")?.status).toBe("pass");
  });
});
