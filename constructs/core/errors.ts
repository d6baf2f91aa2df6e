import { IConstruct } from "constructs";

const VALIDATION_ERROR = Symbol.for("zt-blueprint.ValidationError");

/**
 * The construct an error is about: its kind (class name), its id and its path in the construct tree.
 * Build one with {@link errorSource} before `super()` runs, or {@link sourceOf} afterwards.
 */
export interface ErrorSource {
  /** Construct class, e.g. `"SegmentedNetwork"`. */
  readonly kind: string;
  /** Construct id as the caller passed it. */
  readonly id: string;
  /** Path of the construct in the tree, e.g. `"platform/network"`. */
  readonly path: string;
}

/** The source of errors of a construct of `kind` being created in `scope` with `id` (usable before `super()`). */
export function errorSource(kind: string, scope: IConstruct, id: string): ErrorSource {
  const parent = scope.node.path;
  return { kind, id, path: parent ? `${parent}/${id}` : id };
}

/** The source of errors of an existing construct of `kind`. */
export function sourceOf(kind: string, construct: IConstruct): ErrorSource {
  return { kind, id: construct.node.id, path: construct.node.path };
}

/**
 * A construct was given a value it cannot build safely. Thrown at construction time, before anything is
 * synthesized. The message reads `Kind "id": problem; fix.`; {@link ValidationError.prop} names the prop (or
 * method argument) at fault and {@link ValidationError.path} the construct's place in the tree.
 */
export class ValidationError extends Error {
  /** True when `x` is a ValidationError, also one created by another copy of this library. */
  public static isValidationError(x: unknown): x is ValidationError {
    return typeof x === "object" && x !== null && VALIDATION_ERROR in x;
  }

  /** Construct class that refused the value, e.g. `"ServiceIdentity"`. */
  public readonly kind: string;
  /** Path of the construct in the tree. */
  public readonly path: string;
  /** Prop or method argument at fault, e.g. `"region"` or `"trust.clusterArn"`. */
  public readonly prop: string;

  /**
   * @param source construct the error is about
   * @param prop prop or argument at fault
   * @param message problem and fix, without the construct prefix
   */
  constructor(source: ErrorSource, prop: string, message: string) {
    super(`${source.kind} "${source.id}": ${message}`);
    this.name = "ValidationError";
    this.kind = source.kind;
    this.path = source.path;
    this.prop = prop;
    Object.defineProperty(this, VALIDATION_ERROR, { value: true });
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
