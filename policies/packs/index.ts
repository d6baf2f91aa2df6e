import { Pack, zeroTrustPack } from "./zero-trust";

export type { Pack };
export { zeroTrustPack };

/** Every pack by name. */
export const PACKS: Readonly<Record<string, Pack>> = { [zeroTrustPack.name]: zeroTrustPack };

/** The pack called `name`, or an error listing the known packs. */
export function packByName(name: string): Pack {
  const pack = PACKS[name];
  if (!pack) throw new Error(`unknown pack "${name}"; known packs: ${Object.keys(PACKS).join(", ")}`);
  return pack;
}
