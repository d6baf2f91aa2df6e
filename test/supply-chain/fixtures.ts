import { TerraformStack } from "cdktf";
import { StackEnvironment } from "../../constructs/core";
import { ServiceIdentity } from "../../constructs/identity";
import { ImageRepository, ImageRepositoryProps } from "../../constructs/supply-chain";
import { ACCOUNT, REGION, newStack } from "../identity/harness";

/** The CI role that pushes in the fixtures. */
export const CI_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-deployer`;
/** A role that administers keys in the fixtures. */
export const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-admin`;
/** A digest of an image manifest. */
export const DIGEST = `sha256:${"0123456789abcdef".repeat(4)}`;

/** A stack with its environment set. */
export function repositoryStack(id = "images"): TerraformStack {
  const stack = newStack(id);
  StackEnvironment.set(stack, { accountId: ACCOUNT, region: REGION });
  return stack;
}

/** A repository "orders" pushed by the CI role and pulled by the orders service's identity, with `overrides`. */
export function ordersRepository(overrides: Partial<ImageRepositoryProps> = {}, id = "images") {
  const stack = repositoryStack(id);
  const identity = new ServiceIdentity(stack, "orders-identity", { serviceName: "orders", trust: { kind: "ec2" } });
  const repository = new ImageRepository(stack, "orders-images", { name: "orders", pushRoleArns: [CI_ROLE], ...overrides });
  const grant = repository.grantPull(identity);
  return { stack, identity, repository, grant };
}
