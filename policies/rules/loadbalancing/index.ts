import { Rule } from "../../engine/types";
import { ztLb001 } from "./zt-lb-001-http-listener-without-redirect";
import { ztLb002 } from "./zt-lb-002-listener-tls-below-1-2";
import { ztLb003 } from "./zt-lb-003-alb-keeps-invalid-headers";
import { ztLb004 } from "./zt-lb-004-public-alb-without-waf";
import { ztLb005 } from "./zt-lb-005-access-logs-disabled";
import { ztLb006 } from "./zt-lb-006-deletion-protection-off";
import { ztLb007 } from "./zt-lb-007-desync-mitigation-monitor";

/** Rules of the loadbalancing domain, in id order. */
export const loadbalancingRules: readonly Rule[] = [ztLb001, ztLb002, ztLb003, ztLb004, ztLb005, ztLb006, ztLb007];

export { ztLb005 };
