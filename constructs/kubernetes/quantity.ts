/**
 * Kubernetes resource quantities (`100m`, `0.5`, `128Mi`, `1G`, `1e3`): parsing to a plain number and formatting the
 * sums the library writes into ResourceQuotas.
 */

const SCALE: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(?:(n|u|m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+))?$/;

/** The value of a non-negative quantity (cores for CPU, bytes for memory), or undefined when it is not one. */
export function parseQuantity(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, number, suffix, exponent] = m;
  const scale = exponent !== undefined ? 10 ** Number(exponent) : SCALE[suffix ?? ""];
  return Number(number) * scale;
}

/** CPU cores as millicores, `1.2` -> `"1200m"`. */
export function formatCpu(cores: number): string {
  return `${Math.ceil(Math.round(cores * 1e6) / 1e3)}m`;
}

/** Bytes as mebibytes when whole (`"384Mi"`), else as plain bytes. */
export function formatMemory(bytes: number): string {
  const mebibytes = bytes / SCALE.Mi;
  return Number.isInteger(mebibytes) ? `${mebibytes}Mi` : `${Math.ceil(bytes)}`;
}
