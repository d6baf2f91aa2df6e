import { jsonOfText } from "../../engine/json-text";
import { Model, Resource } from "../../engine/model";
import { pass, unknown } from "../../engine/outcome";
import { isExpression } from "../../engine/references";
import { Outcome } from "../../engine/types";

/** Task definitions: their containers are JSON text in `container_definitions`. */
export const TASK_DEFINITION_TYPES: readonly string[] = ["aws_ecs_task_definition"];

/** One container of a task definition, as its JSON reads (values computed at apply time are `${...}` strings). */
export interface EcsContainer {
  readonly name: string;
  /** `Container::<name>`. */
  readonly item: string;
  readonly def: Readonly<Record<string, unknown>>;
}

/**
 * The containers of a task definition: undefined when `container_definitions` is computed at apply time, or is text
 * that cannot be read (see `jsonOfText`). In synthesized JSON both shapes cdktf writes are read: `JSON.stringify`
 * text with tokens, and `Fn.jsonencode`.
 */
export function ecsContainers(r: Resource, model: Model): readonly EcsContainer[] | undefined {
  return model.memoFor("compute:ecs-containers", r, readContainers);
}

function readContainers(r: Resource): readonly EcsContainer[] | undefined {
  const raw = r.rawAt("container_definitions");
  if (typeof raw !== "string") return undefined;
  let list: unknown;
  if (r.literal) {
    if (r.get("container_definitions").kind !== "known") return undefined;
    try {
      list = JSON.parse(raw);
    } catch {
      return undefined;
    }
  } else {
    list = jsonOfText(raw)?.value;
  }
  if (!Array.isArray(list)) return undefined;
  return list
    .filter((c): c is Record<string, unknown> => c !== null && typeof c === "object" && !Array.isArray(c))
    .map((def, i) => {
      const name = typeof def.name === "string" && !isExpression(def.name) ? def.name : `[${i}]`;
      return { name, item: `Container::${name}`, def };
    });
}

/** What a container setting is: true, false, unset, or computed at apply time. */
export function flag(def: Readonly<Record<string, unknown>>, key: string): boolean | "unset" | "computed" {
  const v = def[key];
  if (v === undefined || v === null) return "unset";
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return isExpression(v) ? "computed" : v === "true";
  return "unset";
}

/**
 * Judges each container with `judge`: one outcome per container, item `Container::<name>`. Unknown as a whole when
 * the container definitions cannot be read before apply.
 */
export function judgeContainers(r: Resource, model: Model, judge: (c: EcsContainer) => Outcome): Outcome | Outcome[] {
  const containers = ecsContainers(r, model);
  if (containers === undefined) return unknown("container_definitions is computed at apply time or cannot be read");
  if (containers.length === 0) return pass();
  return containers.map(judge);
}

