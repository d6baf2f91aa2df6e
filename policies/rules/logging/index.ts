import { Rule } from "../../engine/types";
import { ztLog001 } from "./zt-log-001-log-group-without-cmk";
import { ztLog002 } from "./zt-log-002-log-group-retention";
import { ztLog003 } from "./zt-log-003-flow-log-partial-traffic";
import { ztLog004 } from "./zt-log-004-cloudtrail-single-region";
import { ztLog005 } from "./zt-log-005-cloudtrail-no-log-validation";
import { ztLog006 } from "./zt-log-006-cloudtrail-without-cmk";
import { ztLog007 } from "./zt-log-007-cloudtrail-logging-stopped";

/** Rules of the logging domain, in id order. */
export const loggingRules: readonly Rule[] = [ztLog001, ztLog002, ztLog003, ztLog004, ztLog005, ztLog006, ztLog007];
