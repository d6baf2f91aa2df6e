import { Rule } from "../../engine/types";
import { ztLb001 } from "./zt-lb-001-http-listener-without-redirect";
import { ztLb002 } from "./zt-lb-002-listener-tls-below-1-2";
import { ztLb003 } from "./zt-lb-003-alb-keeps-invalid-headers";
import { ztLb004 } from "./zt-lb-004-public-alb-without-waf";
import { ztLb005 } from "./zt-lb-005-access-logs-disabled";
import { ztLb006 } from "./zt-lb-006-deletion-protection-off";
import { ztLb007 } from "./zt-lb-007-desync-mitigation-monitor";
import { ztLb008 } from "./zt-lb-008-classic-listener-without-tls";
import { ztLb009 } from "./zt-lb-009-classic-access-logs-disabled";
import { ztLb010 } from "./zt-lb-010-classic-connection-draining-off";
import { ztLb011 } from "./zt-lb-011-classic-cross-zone-off";
import { ztLb012 } from "./zt-lb-012-classic-desync-mitigation-monitor";
import { ztLb013 } from "./zt-lb-013-classic-single-zone";
import { ztLb014 } from "./zt-lb-014-single-zone";
import { ztLb015 } from "./zt-lb-015-plaintext-to-targets";
import { ztLb016 } from "./zt-lb-016-classic-weak-ssl-policy";
import { ztLb017 } from "./zt-lb-017-classic-certificate-not-from-acm";

/** Rules of the loadbalancing domain, in id order. */
export const loadbalancingRules: readonly Rule[] = [
  ztLb001, ztLb002, ztLb003, ztLb004, ztLb005, ztLb006, ztLb007,
  ztLb008, ztLb009, ztLb010, ztLb011, ztLb012, ztLb013, ztLb014, ztLb015, ztLb016, ztLb017,
];

export { ztLb005 };
