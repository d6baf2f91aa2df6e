import { evaluate } from "../../policies/engine/evaluate";
import { zeroTrustPack } from "../../policies/packs";
import { ServiceIdentity } from "../../constructs/identity";
import { ServiceSecrets } from "../../constructs/secrets";
import { ImageRepository, RegistryScanning } from "../../constructs/supply-chain";
import { stackPlanModel } from "../support/rules";
import { planCreatingExactly, plannedAfter } from "../support/terraform";
import { ACCOUNT } from "../identity/harness";
import { ADMIN, CI_ROLE, ordersRepository } from "./fixtures";

type Json = Record<string, unknown>;

describe("ImageRepository under terraform plan", () => {
  test("a repository with its own key, one reader, a CI role, the nodes of a cluster and the registry's enhanced scanning plans clean, and the pack passes the plan", async () => {
    const { stack, repository } = ordersRepository({}, "images-plan");
    repository.grantPullToNodes({ clusterName: "main", nodeRole: { arn: `arn:aws:iam::${ACCOUNT}:role/main-nodes` } });
    // A second repository encrypted with a service's key, as a platform gives each service's images its key.
    const payments = new ServiceIdentity(stack, "payments-identity", { serviceName: "payments", trust: { kind: "ec2" } });
    const secrets = new ServiceSecrets(stack, "payments-secrets", { identity: payments, adminRoleArns: [ADMIN] });
    new ImageRepository(stack, "payments-images", { name: "payments/api", encryptionKey: secrets.key, pushRoleArns: [CI_ROLE] }).grantPull(payments);
    new RegistryScanning(stack, "scanning");

    const { plan } = await planCreatingExactly(stack);

    const repositories = plannedAfter<Json>(plan, "aws_ecr_repository");
    expect(repositories.map((r) => [r.name, r.image_tag_mutability, r.image_scanning_configuration]).sort()).toEqual([
      ["orders", "IMMUTABLE", [{ scan_on_push: true }]],
      ["payments/api", "IMMUTABLE", [{ scan_on_push: true }]],
    ]);
    expect(repositories.map((r) => (r.encryption_configuration as Json[])[0].encryption_type)).toEqual(["KMS", "KMS"]);
    const [scanning] = plannedAfter<Json>(plan, "aws_ecr_registry_scanning_configuration");
    expect(scanning.scan_type).toBe("ENHANCED");
    expect(scanning.rule).toEqual([{ scan_frequency: "CONTINUOUS_SCAN", repository_filter: [{ filter: "*", filter_type: "WILDCARD" }] }]);
    const lifecycle = plannedAfter<Json>(plan, "aws_ecr_lifecycle_policy").map((p) => JSON.parse(String(p.policy)) as { rules: { selection: Json }[] });
    expect(lifecycle[0].rules.map((r) => r.selection.countNumber)).toEqual([7, 30]);

    const report = evaluate(stackPlanModel(plan as unknown as Json, stack), zeroTrustPack.rules);
    expect(report.findings.map((f) => `${f.findingId} ${f.status} ${f.address}: ${f.message}`)).toEqual([]);
    expect(report.unknowns.map((u) => `${u.ruleId} ${u.address}: ${u.message}`)).toEqual([]);
  });
});
