/**
 * A cache of what a check run parses from its input: references in `${...}` strings, IAM action patterns, policy
 * texts. Entries are keyed by content, so they would also answer for a later run over the same input; each new
 * `Model` starts a run and empties every such cache, so that a check does all of its own work and memory does not
 * grow from run to run. A cache that reaches its limit starts over.
 */
export class RunCache<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly limit: number) {
    CACHES.push(this);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
  }

  clear(): void {
    this.map.clear();
  }
}

const CACHES: RunCache<unknown, unknown>[] = [];

/** Empties every run cache: a new check run begins. */
export function startRun(): void {
  for (const c of CACHES) c.clear();
}
