import { ServiceIdentity } from "../../constructs/identity";
import { ServiceKey } from "../../constructs/secrets";
import { ImageRepository, ImageRepositoryProps, RegistryScanning, RegistryScanningProps } from "../../constructs/supply-chain";
import { expectInvalid } from "../core/validation-error";
import { ACCOUNT, newStack } from "../identity/harness";
import { ADMIN, ordersRepository, repositoryStack } from "./fixtures";

/** Builds the fixture repository with `overrides`. */
function build(overrides: Partial<ImageRepositoryProps>): () => ImageRepository {
  return () => ordersRepository(overrides).repository;
}

/** Builds a registry scanning configuration with `props`. */
function scanning(props: RegistryScanningProps): () => RegistryScanning {
  return () => new RegistryScanning(repositoryStack(), "scanning", props);
}

describe("ImageRepository validation", () => {
  test("name must be a repository name ECR accepts", () => {
    const message = "is not a repository name ECR accepts";
    for (const name of ["Orders", "o", "orders/", "/orders", "orders--", "orders..api", "-orders", "orders api", "a".repeat(257), ""]) {
      expectInvalid(build({ name }), "name", message);
    }
    expectInvalid(build({ name: "Orders" }), "name", `name "Orders" is not a repository name ECR accepts: 2 to 256 lowercase letters and digits`);
    for (const name of ["or", "orders", "payments/api", "team.a/orders_v2", "a__b", "a---b", "9lives"]) expect(build({ name })).not.toThrow();
  });

  test("lifecycle counts must be whole numbers of at least 1", () => {
    expectInvalid(build({ untaggedExpiryDays: 0 }), "untaggedExpiryDays", "untaggedExpiryDays 0 must be a whole number of at least 1.");
    expectInvalid(build({ untaggedExpiryDays: 1.5 }), "untaggedExpiryDays", "untaggedExpiryDays 1.5");
    expectInvalid(build({ maxImageCount: -3 }), "maxImageCount", "maxImageCount -3 must be a whole number of at least 1.");
  });

  test("pushRoleArns must be role ARNs of the repository's account", () => {
    expectInvalid(build({ pushRoleArns: ["ci-deployer"] }), "pushRoleArns", `pushRoleArns entry "ci-deployer" is not an iam ARN in partition "aws"`);
    expectInvalid(build({ pushRoleArns: [`arn:aws:iam::${ACCOUNT}:user/ci`] }), "pushRoleArns", "is not an iam ARN");
    expectInvalid(build({ pushRoleArns: ["arn:aws:iam::444455556666:role/ci"] }), "pushRoleArns", "is in account 444455556666, not the repository's 123456789012");
  });

  test("mutableTags needs a reason of ten characters and an ISO expiry", () => {
    expectInvalid(build({ mutableTags: { reason: "legacy" } }), "mutableTags.reason", "mutableTags needs a reason of at least 10 characters");
    expectInvalid(build({ mutableTags: { reason: "the legacy deployer moves latest", expires: "30/06/2027" } }), "mutableTags.expires", `mutableTags.expires "30/06/2027" must be an ISO date`);
  });

  test("keyAdminRoleArns: role ARNs, and only for the key made for the repository", () => {
    expectInvalid(build({ keyAdminRoleArns: ["admin"] }), "keyAdminRoleArns", `keyAdminRoleArns entry "admin" is not an iam ARN`);
    const stack = repositoryStack();
    const key = new ServiceKey(stack, "key", { owner: "orders", purpose: "images" });
    expectInvalid(() => new ImageRepository(stack, "images", { name: "orders", encryptionKey: key, keyAdminRoleArns: [ADMIN] }), "keyAdminRoleArns", "with encryptionKey, the given key's admins apply");
  });

  test("the environment comes from the stack or the props", () => {
    expectInvalid(() => new ImageRepository(newStack(), "images", { name: "orders" }), "accountId", "accountId is required when the stack has no environment");
  });

  test("a grantee of another account is refused: the policy denies every principal outside the account", () => {
    const { repository } = ordersRepository();
    const other = ServiceIdentity.fromRoleArn(newStack("other"), "other", "arn:aws:iam::444455556666:role/other", { serviceName: "other", region: "eu-west-1", trust: { kind: "ec2" } });
    expectInvalid(() => repository.grantPull(other), "grantee", `grantee "arn:aws:iam::444455556666:role/other" is in account 444455556666, not the repository's ${ACCOUNT}`);
  });

  test("imageUri refuses what is not a sha256 digest", () => {
    const { repository } = ordersRepository();
    const message = "is not an image digest; pass \"sha256:\" and 64 lowercase hex digits";
    for (const digest of ["latest", "v1.2.3", `sha256:${"A".repeat(64)}`, `sha256:${"a".repeat(63)}`, "a".repeat(64), `sha512:${"a".repeat(64)}`]) {
      expectInvalid(() => repository.imageUri(digest), "digest", message);
    }
    const imported = ImageRepository.fromRepositoryAttributes(repositoryStack(), "imported", { repositoryName: "orders" });
    expectInvalid(() => imported.imageUri("latest"), "digest", message);
    expectInvalid(() => ImageRepository.fromRepositoryAttributes(repositoryStack(), "bad", { repositoryName: "Orders" }), "repositoryName", "is not a repository name ECR accepts");
  });
});

describe("RegistryScanning validation", () => {
  test("continuous scanning needs enhanced scanning", () => {
    expectInvalid(scanning({ scanType: "BASIC", frequency: "CONTINUOUS_SCAN" }), "frequency", `frequency "CONTINUOUS_SCAN" needs scanType "ENHANCED"`);
    expectInvalid(scanning({ scanType: "FULL" as "BASIC" }), "scanType", `scanType "FULL" is not a scan type`);
    expectInvalid(scanning({ frequency: "MANUAL" as "SCAN_ON_PUSH" }), "frequency", `frequency "MANUAL" is not a scan frequency`);
  });

  test("filters: 1 to 100 repository filters of repository name characters and wildcards", () => {
    expectInvalid(scanning({ repositoryFilters: [] }), "repositoryFilters", "repositoryFilters needs 1 to 100 filters");
    expectInvalid(scanning({ repositoryFilters: Array.from({ length: 101 }, (_, i) => `r${i}`) }), "repositoryFilters", "repositoryFilters needs 1 to 100 filters");
    expectInvalid(scanning({ repositoryFilters: ["Payments/*"] }), "repositoryFilters", `repositoryFilters entry "Payments/*" is not a repository filter`);
  });

  test("one per stack: the registry has one scanning configuration per account and region", () => {
    const stack = repositoryStack();
    new RegistryScanning(stack, "scanning");
    expectInvalid(() => new RegistryScanning(stack, "again"), "scope", `already has the registry's scanning configuration at "images/scanning"`);
  });
});
