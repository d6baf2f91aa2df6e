import { Rule } from "../../engine/types";
import { ztLog001 } from "./zt-log-001-log-group-without-cmk";
import { ztLog002 } from "./zt-log-002-log-group-retention";
import { ztLog003 } from "./zt-log-003-flow-log-partial-traffic";
import { ztLog004 } from "./zt-log-004-cloudtrail-single-region";
import { ztLog005 } from "./zt-log-005-cloudtrail-no-log-validation";
import { ztLog006 } from "./zt-log-006-cloudtrail-without-cmk";
import { ztLog007 } from "./zt-log-007-cloudtrail-logging-stopped";
import { ztLog008 } from "./zt-log-008-cloudtrail-without-cloudwatch-logs";
import { ztLog009 } from "./zt-log-009-alarm-topic-without-cmk";
import { ztLog010 } from "./zt-log-010-trail-bucket-without-access-logging";
import { ztLog011 } from "./zt-log-011-trail-bucket-public-access";
import { ztLog012 } from "./zt-log-012-ssm-automation-logging-off";

/** Rules of the logging domain, in id order. */
export const loggingRules: readonly Rule[] = [ztLog001, ztLog002, ztLog003, ztLog004, ztLog005, ztLog006, ztLog007, ztLog008, ztLog009, ztLog010, ztLog011, ztLog012];

export { ztLog002, ztLog004, ztLog008 };
