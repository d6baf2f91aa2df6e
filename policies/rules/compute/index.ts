import { Rule } from "../../engine/types";
import { ztCmp001 } from "./zt-cmp-001-imdsv2-not-required";
import { ztCmp002 } from "./zt-cmp-002-imds-hop-limit";
import { ztCmp003 } from "./zt-cmp-003-host-public-ip";
import { ztCmp004 } from "./zt-cmp-004-ebs-unencrypted";
import { ztCmp005 } from "./zt-cmp-005-ebs-without-cmk";
import { ztCmp006 } from "./zt-cmp-006-detailed-monitoring-off";
import { ztCmp007 } from "./zt-cmp-007-host-key-pair";
import { ztCmp008 } from "./zt-cmp-008-asg-latest-template";
import { ztCmp009 } from "./zt-cmp-009-metadata-tags-exposed";
import { ztCmp010 } from "./zt-cmp-010-ami-public";
import { ztCmp011 } from "./zt-cmp-011-ecs-privileged-container";
import { ztCmp012 } from "./zt-cmp-012-ecs-host-namespaces";
import { ztCmp013 } from "./zt-cmp-013-ecs-writable-root-filesystem";
import { ztCmp014 } from "./zt-cmp-014-ecs-container-runs-as-root";
import { ztCmp015 } from "./zt-cmp-015-ecs-service-public-ip";
import { ztCmp016 } from "./zt-cmp-016-ebs-snapshot-public";
import { ztCmp017 } from "./zt-cmp-017-multiple-network-interfaces";
import { ztCmp018 } from "./zt-cmp-018-paravirtual-host";
import { ztCmp019 } from "./zt-cmp-019-spot-fleet-ebs-unencrypted";

/** Rules of the compute domain (hosts and ECS tasks), in id order. */
export const computeRules: readonly Rule[] = [
  ztCmp001,
  ztCmp002,
  ztCmp003,
  ztCmp004,
  ztCmp005,
  ztCmp006,
  ztCmp007,
  ztCmp008,
  ztCmp009,
  ztCmp010,
  ztCmp011,
  ztCmp012,
  ztCmp013,
  ztCmp014,
  ztCmp015,
  ztCmp016,
  ztCmp017,
  ztCmp018,
  ztCmp019,
];
