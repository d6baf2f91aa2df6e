/**
 * Ids of the zero-trust pack's rules that constructs record suppressions for, when a prop explicitly opens a
 * path or weakens a control. Constructs never import the rules (dependencies point from the policies to nothing in
 * constructs, and from constructs only to policies/shared and the policy API); test/policies/rule-ids.test.ts fails
 * when an id here is not a rule of the pack, so a renamed rule cannot leave a construct suppressing an id that no
 * longer exists.
 */

/** Secrets without rotation (ZT-SEC-005); a rotation opt-out is recorded as its suppression. */
export const SECRET_ROTATION_RULE_ID = "ZT-SEC-005";

/**
 * Security groups that allow egress to the internet on some ports (ZT-NET-014); `allowInternetEgress` is recorded as
 * its suppression. ZT-NET-010 (egress on every port) cannot fire on the HTTPS-only rule the prop adds.
 */
export const INTERNET_EGRESS_RULE_ID = "ZT-NET-014";

/**
 * Identity policies that read data or use keys on every resource (ZT-IAM-018); a grant's `allowWildcardResource` is
 * recorded as its suppression, limited to the grant's statement.
 */
export const UNSCOPED_DATA_ACCESS_RULE_ID = "ZT-IAM-018";

/** HTTP or WebSocket API routes without authorization (ZT-GW-002); an HTTP gateway's anonymous route is recorded as its suppression. */
export const ANONYMOUS_HTTP_ROUTE_RULE_ID = "ZT-GW-002";

/** HTTP APIs without a WAF-protected CloudFront distribution in front (ZT-GW-017); an HTTP gateway's edge "none" is recorded as its suppression. */
export const HTTP_API_WITHOUT_WAF_RULE_ID = "ZT-GW-017";

/** REST API methods without authorization (ZT-GW-001); a gateway's anonymous route is recorded as its suppression. */
export const REST_METHOD_WITHOUT_AUTHORIZATION_RULE_ID = "ZT-GW-001";

/** ECR repositories with mutable tags (ZT-ECR-001); an image repository's `mutableTags` opt-out is recorded as its suppression. */
export const MUTABLE_IMAGE_TAGS_RULE_ID = "ZT-ECR-001";

/** GuardDuty without the protections the configuration's compute needs (ZT-DET-004); a ThreatDetection protection turned off is recorded as its suppression, for that protection. */
export const GUARDDUTY_PROTECTIONS_RULE_ID = "ZT-DET-004";

/** No GuardDuty detector (ZT-DET-001); an AccountSecurityBaseline without threat detection records it as its suppression. */
export const NO_GUARDDUTY_RULE_ID = "ZT-DET-001";

/** No Security Hub (ZT-DET-002); an AccountSecurityBaseline without Security Hub records it as its suppression. */
export const NO_SECURITY_HUB_RULE_ID = "ZT-DET-002";

/** No AWS Config recorder recording (ZT-DET-003); an AccountSecurityBaseline without Config records it as its suppression. */
export const NO_CONFIG_RECORDING_RULE_ID = "ZT-DET-003";

/** No IAM Access Analyzer (ZT-DET-005); an AccountSecurityBaseline without an analyzer records it as its suppression. */
export const NO_ACCESS_ANALYZER_RULE_ID = "ZT-DET-005";

/** No CloudTrail trail logging (ZT-DET-006); an AccountSecurityBaseline without a trail records it as its suppression. */
export const NO_CLOUDTRAIL_RULE_ID = "ZT-DET-006";

/** Log groups kept less than a year (ZT-LOG-002); an audit trail's `shortLogRetention` is recorded as its suppression. */
export const LOG_RETENTION_RULE_ID = "ZT-LOG-002";

/** Trails that log one region only (ZT-LOG-004); an audit trail's `singleRegion` is recorded as its suppression. */
export const SINGLE_REGION_TRAIL_RULE_ID = "ZT-LOG-004";

/**
 * Load balancers without access logs (ZT-LB-005); a gateway's private integration without an access-log bucket records
 * it, since its stage's access logs record every request.
 */
export const LB_ACCESS_LOGS_RULE_ID = "ZT-LB-005";