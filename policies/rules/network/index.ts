import { Rule } from "../../engine/types";
import { ztNet001 } from "./zt-net-001-sg-admin-ports-open";
import { ztNet002 } from "./zt-net-002-sg-data-ports-open";
import { ztNet003 } from "./zt-net-003-sg-all-ports-open";
import { ztNet004 } from "./zt-net-004-default-sg-not-empty";
import { ztNet005 } from "./zt-net-005-default-nacl-not-empty";
import { ztNet006 } from "./zt-net-006-nacl-admin-ports-open";
import { ztNet007 } from "./zt-net-007-subnet-auto-public-ip";
import { ztNet008 } from "./zt-net-008-vpc-without-flow-logs";
import { ztNet009 } from "./zt-net-009-vpc-endpoint-full-access";
import { ztNet010 } from "./zt-net-010-sg-egress-all-open";
import { ztNet011 } from "./zt-net-011-data-service-publicly-accessible";
import { ztNet012 } from "./zt-net-012-data-service-plaintext";
import { ztNet013 } from "./zt-net-013-s3-bucket-accepts-plain-http";
import { ztNet014 } from "./zt-net-014-sg-egress-internet-ports";
import { ztNet015 } from "./zt-net-015-sg-high-risk-ports-open";
import { ztNet016 } from "./zt-net-016-network-acl-unused";
import { ztNet017 } from "./zt-net-017-transit-gateway-auto-accept";
import { ztNet018 } from "./zt-net-018-client-vpn-without-connection-log";
import { ztNet019 } from "./zt-net-019-vpn-tunnel-without-log";
import { ztNet020 } from "./zt-net-020-vpc-block-public-access-off";
import { ztNet021 } from "./zt-net-021-source-dest-check-disabled";
import { ztNet022 } from "./zt-net-022-peering-route-wider-than-peer";
import { ztNet023 } from "./zt-net-023-vpc-without-workload-endpoints";
import { ztNet024 } from "./zt-net-024-sg-unauthorized-ports-open";

/** Rules of the network domain, in id order. */
export const networkRules: readonly Rule[] = [
  ztNet001,
  ztNet002,
  ztNet003,
  ztNet004,
  ztNet005,
  ztNet006,
  ztNet007,
  ztNet008,
  ztNet009,
  ztNet010,
  ztNet011,
  ztNet012,
  ztNet013,
  ztNet014,
  ztNet015,
  ztNet016,
  ztNet017,
  ztNet018,
  ztNet019,
  ztNet020,
  ztNet021,
  ztNet022,
  ztNet023,
  ztNet024,
];

/** The rule whose id constructs record a suppression under when a prop explicitly weakens what it checks. */
export { ztNet014 };
