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

/** Rules of the compute domain, in id order. */
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
];
