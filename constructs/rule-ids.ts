/**
 * Ids of the zero-trust pack's rules that constructs record suppressions for, when a prop explicitly opens a
 * path or weakens a control. They are plain strings so the constructs never import the rules themselves.
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
