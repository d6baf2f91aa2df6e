import { View } from "../../engine/view";

/** How often a rotation schedule rotates, as the longest interval between rotations. */
export type RotationInterval =
  | { readonly kind: "known"; readonly days: number; readonly source: string }
  | { readonly kind: "unknown"; readonly message: string };

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS_PER_MONTH = 30;

/**
 * Longest interval of an `aws_secretsmanager_secret_rotation`'s `rotation_rules`: `automatically_after_days`,
 * or a `schedule_expression` (`rate(N days|hours)`, or `cron(...)` judged by its month field, months counted
 * as 30 days).
 */
export function rotationInterval(rotation: View): RotationInterval {
  const rules = rotation.blocks("rotation_rules")[0];
  if (!rules) {
    return rotation.blocksUnknown("rotation_rules") ? { kind: "unknown", message: "rotation_rules is not known until apply" } : { kind: "unknown", message: "rotation has no rotation_rules" };
  }
  const schedule = rules.get("schedule_expression");
  if (schedule.kind === "known" && typeof schedule.value === "string" && schedule.value.trim() !== "") return fromSchedule(schedule.value.trim());
  const days = rules.get("automatically_after_days");
  const n = rules.num("automatically_after_days");
  if (n !== undefined && n > 0) return { kind: "known", days: n, source: `automatically_after_days = ${n}` };
  if (schedule.kind === "unknown" || days.kind === "unknown") return { kind: "unknown", message: "the rotation schedule is not known until apply" };
  return { kind: "unknown", message: "rotation_rules sets neither automatically_after_days nor schedule_expression" };
}

function fromSchedule(expr: string): RotationInterval {
  const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours|minute|minutes)\s*\)$/i.exec(expr);
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2].toLowerCase();
    const days = unit.startsWith("day") ? n : unit.startsWith("hour") ? n / 24 : n / 1440;
    return { kind: "known", days, source: expr };
  }
  const cron = /^cron\(\s*(.+?)\s*\)$/i.exec(expr);
  if (cron) {
    const fields = cron[1].split(/\s+/);
    if (fields.length !== 6) return { kind: "unknown", message: `cannot read schedule_expression ${expr}` };
    const months = monthSet(fields[3]);
    if (!months || months.length === 0) return { kind: "unknown", message: `cannot read the month field of ${expr}` };
    let gap = months.length === 1 ? 12 : 12 - months[months.length - 1] + months[0];
    for (let i = 1; i < months.length; i++) gap = Math.max(gap, months[i] - months[i - 1]);
    return { kind: "known", days: gap * DAYS_PER_MONTH, source: expr };
  }
  return { kind: "unknown", message: `cannot read schedule_expression ${expr}` };
}

/** Months (1–12, sorted) matched by a cron month field, or undefined when it cannot be read. */
function monthSet(field: string): number[] | undefined {
  const out = new Set<number>();
  const parts = field.toUpperCase().split(",");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (range === "*" || range === "?") {
      from = 1;
      to = 12;
    } else {
      const [a, b] = range.split("-");
      from = month(a);
      to = b === undefined ? (stepText === undefined ? from : 12) : month(b);
    }
    if (from === undefined || to === undefined || from > to) return undefined;
    for (let m = from; m <= to; m += step) out.add(m);
  }
  return [...out].sort((x, y) => x - y);
}

function month(token: string): number | undefined {
  const i = MONTHS.indexOf(token);
  if (i >= 0) return i + 1;
  const n = Number(token);
  return Number.isInteger(n) && n >= 1 && n <= 12 ? n : undefined;
}
