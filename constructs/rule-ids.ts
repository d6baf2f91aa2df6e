import { ztDet001, ztDet002, ztDet003, ztDet004, ztDet005, ztDet006 } from "../policies/rules/detection";
import { ztGw001, ztGw002, ztGw017 } from "../policies/rules/gateway";
import { ztIam018 } from "../policies/rules/identity";
import { ztNet014 } from "../policies/rules/network";
import { ztSec005 } from "../policies/rules/secrets";
import { ztLog002, ztLog004 } from "../policies/rules/logging";
import { ztLb005 } from "../policies/rules/loadbalancing";
import { ztEcr001 } from "../policies/rules/supply-chain";

/**
 * Ids of the zero-trust pack's rules that constructs record suppressions for, when a prop explicitly opens a
 * path or weakens a control. They are read from the rule objects, through each domain's public index, so a renamed
 * rule cannot leave a construct suppressing an id that no longer exists.
 */

/** Secrets without rotation (ZT-SEC-005); a rotation opt-out is recorded as its suppression. */
export const SECRET_ROTATION_RULE_ID = ztSec005.id;

/**
 * Security groups that allow egress to the internet on some ports (ZT-NET-014); `allowInternetEgress` is recorded as
 * its suppression. ZT-NET-010 (egress on every port) cannot fire on the HTTPS-only rule the prop adds.
 */
export const INTERNET_EGRESS_RULE_ID = ztNet014.id;

/**
 * Identity policies that read data or use keys on every resource (ZT-IAM-018); a grant's `allowWildcardResource` is
 * recorded as its suppression, limited to the grant's statement.
 */
export const UNSCOPED_DATA_ACCESS_RULE_ID = ztIam018.id;

/** HTTP or WebSocket API routes without authorization (ZT-GW-002); an HTTP gateway's anonymous route is recorded as its suppression. */
export const ANONYMOUS_HTTP_ROUTE_RULE_ID = ztGw002.id;

/** HTTP APIs without a WAF-protected CloudFront distribution in front (ZT-GW-017); an HTTP gateway's edge "none" is recorded as its suppression. */
export const HTTP_API_WITHOUT_WAF_RULE_ID = ztGw017.id;

/** REST API methods without authorization (ZT-GW-001); a gateway's anonymous route is recorded as its suppression. */
export const REST_METHOD_WITHOUT_AUTHORIZATION_RULE_ID = ztGw001.id;

/** ECR repositories with mutable tags (ZT-ECR-001); an image repository's `mutableTags` opt-out is recorded as its suppression. */
export const MUTABLE_IMAGE_TAGS_RULE_ID = ztEcr001.id;

/** GuardDuty without the protections the configuration's compute needs (ZT-DET-004); a ThreatDetection protection turned off is recorded as its suppression, for that protection. */
export const GUARDDUTY_PROTECTIONS_RULE_ID = ztDet004.id;

/** No GuardDuty detector (ZT-DET-001); an AccountSecurityBaseline without threat detection records it as its suppression. */
export const NO_GUARDDUTY_RULE_ID = ztDet001.id;

/** No Security Hub (ZT-DET-002); an AccountSecurityBaseline without Security Hub records it as its suppression. */
export const NO_SECURITY_HUB_RULE_ID = ztDet002.id;

/** No AWS Config recorder recording (ZT-DET-003); an AccountSecurityBaseline without Config records it as its suppression. */
export const NO_CONFIG_RECORDING_RULE_ID = ztDet003.id;

/** No IAM Access Analyzer (ZT-DET-005); an AccountSecurityBaseline without an analyzer records it as its suppression. */
export const NO_ACCESS_ANALYZER_RULE_ID = ztDet005.id;

/** No CloudTrail trail logging (ZT-DET-006); an AccountSecurityBaseline without a trail records it as its suppression. */
export const NO_CLOUDTRAIL_RULE_ID = ztDet006.id;

/** Log groups kept less than a year (ZT-LOG-002); an audit trail's `shortLogRetention` is recorded as its suppression. */
export const LOG_RETENTION_RULE_ID = ztLog002.id;

/** Trails that log one region only (ZT-LOG-004); an audit trail's `singleRegion` is recorded as its suppression. */
export const SINGLE_REGION_TRAIL_RULE_ID = ztLog004.id;

/**
 * Load balancers without access logs (ZT-LB-005); a gateway's private integration without an access-log bucket records
 * it, since its stage's access logs record every request.
 */
export const LB_ACCESS_LOGS_RULE_ID = ztLb005.id;
