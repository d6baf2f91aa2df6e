import { Rule } from "../../engine/types";
import { ztGw001 } from "./zt-gw-001-rest-method-without-authorization";
import { ztGw002 } from "./zt-gw-002-http-route-without-authorization";
import { ztGw003 } from "./zt-gw-003-stage-without-access-logs";
import { ztGw004 } from "./zt-gw-004-rest-stage-without-xray";
import { ztGw005 } from "./zt-gw-005-stage-without-throttling";
import { ztGw006 } from "./zt-gw-006-rest-stage-without-waf";
import { ztGw007 } from "./zt-gw-007-domain-tls-below-1-2";
import { ztGw008 } from "./zt-gw-008-execute-api-endpoint-enabled";
import { ztGw009 } from "./zt-gw-009-method-settings-data-trace";
import { ztGw010 } from "./zt-gw-010-public-rest-api-without-policy";
import { ztGw011 } from "./zt-gw-011-function-url-without-auth";
import { ztGw012 } from "./zt-gw-012-cloudfront-plaintext-or-old-tls";
import { ztGw013 } from "./zt-gw-013-stage-without-execution-logging";
import { ztGw014 } from "./zt-gw-014-stage-without-client-certificate";
import { ztGw015 } from "./zt-gw-015-stage-cache-not-encrypted";
import { ztGw016 } from "./zt-gw-016-method-without-request-validator";
import { ztGw017 } from "./zt-gw-017-http-api-without-waf";
import { ztGw018 } from "./zt-gw-018-web-acl-without-rules";
import { ztGw019 } from "./zt-gw-019-waf-without-metrics";
import { ztGw020 } from "./zt-gw-020-web-acl-without-logging";
import { ztGw021 } from "./zt-gw-021-waf-classic-resource";

/** Rules of the gateway domain, in id order. */
export const gatewayRules: readonly Rule[] = [
  ztGw001, ztGw002, ztGw003, ztGw004, ztGw005, ztGw006, ztGw007, ztGw008, ztGw009, ztGw010, ztGw011, ztGw012,
  ztGw013, ztGw014, ztGw015, ztGw016, ztGw017, ztGw018, ztGw019, ztGw020, ztGw021,
];

/**
 * Rules whose ids the gateways record suppressions under: an anonymous REST method (ZT-GW-001) or HTTP route
 * (ZT-GW-002), an HTTP API without a WAF in front (ZT-GW-017).
 */
export { ztGw001, ztGw002, ztGw017 };
