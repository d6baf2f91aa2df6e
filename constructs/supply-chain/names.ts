import { ErrorSource, ValidationError } from "../core/errors";
import { isToken } from "../core/validate";

/**
 * A repository name ECR accepts: 2 to 256 characters, lowercase path components of letters and digits joined by
 * `.`, `_`, `__` or `-` runs, separated by `/`.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
 */
export const REPOSITORY_NAME = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/** A content digest of an image manifest: `sha256:` and 64 lowercase hex digits. */
export const IMAGE_DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Throws unless `name` is a repository name ECR accepts (tokens pass). */
export function requireRepositoryName(source: ErrorSource, prop: string, name: string): void {
  if (isToken(name)) return;
  if (typeof name !== "string" || name.length < 2 || name.length > 256 || !REPOSITORY_NAME.test(name)) {
    throw new ValidationError(
      source,
      prop,
      `${prop} ${JSON.stringify(name)} is not a repository name ECR accepts: 2 to 256 lowercase letters and digits, words joined by ".", "_" or "-", path parts by "/", e.g. "orders" or "payments/api".`,
    );
  }
}

/** Throws unless `digest` is `sha256:` and 64 lowercase hex digits. */
export function requireDigest(source: ErrorSource, prop: string, digest: string): void {
  if (typeof digest !== "string" || !IMAGE_DIGEST.test(digest)) {
    throw new ValidationError(
      source,
      prop,
      `${prop} ${JSON.stringify(digest)} is not an image digest; pass "sha256:" and 64 lowercase hex digits, as \`docker buildx imagetools inspect\` prints it.`,
    );
  }
}

/** Throws unless `value` is a whole number of at least 1, as a lifecycle rule's `countNumber` must be. */
export function requireCount(source: ErrorSource, prop: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ValidationError(source, prop, `${prop} ${String(value)} must be a whole number of at least 1.`);
  }
}
