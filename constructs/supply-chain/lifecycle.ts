/** Days an untagged image is kept after its push, by default. */
export const DEFAULT_UNTAGGED_EXPIRY_DAYS = 7;

/** Images a repository keeps, newest first, by default. */
export const DEFAULT_MAX_IMAGE_COUNT = 30;

/**
 * The lifecycle policy: untagged images expire `untaggedExpiryDays` after their push, then every image beyond the
 * newest `maxImageCount` expires. The rule on every image comes last, as ECR requires of a `tagStatus` `any` rule.
 * @see https://docs.aws.amazon.com/AmazonECR/latest/userguide/lifecycle_policy_parameters.html
 */
export function lifecyclePolicy(untaggedExpiryDays: number, maxImageCount: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images ${untaggedExpiryDays} days after their push`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedExpiryDays },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the newest ${maxImageCount} images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: maxImageCount },
        action: { type: "expire" },
      },
    ],
  });
}
