import { PolicyStatementJson, oneOrMany, policyDocument } from "../core/policy-document";

/** What pulling an image takes on the repository: its manifest, its layers' download URLs and their existence. */
export const PULL_ACTIONS: readonly string[] = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"];

/** What pushing an image takes on the repository, besides checking which layers it already has. */
export const PUSH_ACTIONS: readonly string[] = ["ecr:CompleteLayerUpload", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"];

/** Who the repository policy names. */
export interface RepositoryPrincipals {
  /** Account of the repository. */
  readonly accountId: string;
  /** ARN partition. */
  readonly partition: string;
  /** ARNs of the roles that pull. */
  readonly readerArns: readonly string[];
  /** ARNs of the roles that push. */
  readonly pusherArns: readonly string[];
}

/**
 * The account's service-linked roles (`role/aws-service-role/...`), which only their AWS service can assume: Amazon
 * Inspector reads images through its own for enhanced scanning.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
 */
export function serviceLinkedRoles(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:role/aws-service-role/*`;
}

/** The Allow statement that lets the named readers pull. */
export function pullStatement(readerArns: readonly string[]): PolicyStatementJson {
  return { Sid: "PullByNamedReaders", Effect: "Allow", Principal: { AWS: oneOrMany(readerArns) }, Action: [...PULL_ACTIONS] };
}

/** The Allow statement that lets the named CI roles push (and check which layers exist). */
export function pushStatement(pusherArns: readonly string[]): PolicyStatementJson {
  return { Sid: "PushByNamedCiRoles", Effect: "Allow", Principal: { AWS: oneOrMany(pusherArns) }, Action: ["ecr:BatchCheckLayerAvailability", ...PUSH_ACTIONS] };
}

/** A Deny of `actions` to every principal whose ARN is not among `except` (role ARNs, exact, or the service-linked pattern). */
function denyOthers(sid: string, actions: readonly string[], except: readonly string[]): PolicyStatementJson {
  return { Sid: sid, Effect: "Deny", Principal: "*", Action: [...actions], Condition: { ArnNotLike: { "aws:PrincipalArn": oneOrMany(except) } } };
}

/**
 * The repository policy: the named readers pull and the named CI roles push, and nobody else:
 * - every ECR action is denied to principals outside the repository's account (`aws:PrincipalAccount`);
 * - pulling is denied to every principal of the account but the readers, pushing to every one but the CI roles, so an
 *   IAM policy of the account that allows `ecr:*` does not open the repository. The account's service-linked roles
 *   are exempt (Amazon Inspector reads images for enhanced scanning through one); managing the repository
 *   (its policies, deleting images) stays with IAM.
 */
export function repositoryPolicy(p: RepositoryPrincipals): string {
  const linked = serviceLinkedRoles(p.partition, p.accountId);
  const statements: PolicyStatementJson[] = [];
  if (p.readerArns.length > 0) statements.push(pullStatement(p.readerArns));
  if (p.pusherArns.length > 0) statements.push(pushStatement(p.pusherArns));
  statements.push(
    { Sid: "DenyOutsideTheAccount", Effect: "Deny", Principal: "*", Action: "ecr:*", Condition: { StringNotEquals: { "aws:PrincipalAccount": p.accountId } } },
    denyOthers("DenyPullToOthers", ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"], [...p.readerArns, linked]),
    denyOthers("DenyPushToOthers", PUSH_ACTIONS, [...p.pusherArns, linked]),
    denyOthers("DenyLayerChecksToOthers", ["ecr:BatchCheckLayerAvailability"], [...new Set([...p.readerArns, ...p.pusherArns]), linked]),
  );
  return policyDocument(statements);
}
