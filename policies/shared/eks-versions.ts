/**
 * The Amazon EKS Kubernetes version calendar, read on {@link KUBERNETES_VERSIONS_AS_OF}: the one list that the
 * `HardenedCluster` construct (the versions it accepts) and rule ZT-EKS-014 (clusters out of standard support) share.
 * Update it when the calendar changes (a new minor version on EKS, or one whose standard support ends), and move the
 * date.
 *
 * Sources, read on 2026-12-07:
 * - https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (the release calendar): 1.29 to 1.34,
 *   confirmed;
 * - https://endoflife.date/amazon-eks: 1.35 (EKS release 2026-01-28, end of standard support 2027-03-27), not yet in
 *   the copy of the AWS calendar that could be read;
 * - 1.36: EKS release 2026-06-02 and end of standard support 2027-08-02 come from a third-party article only
 *   (devopsdreams.blogspot.com, "Kubernetes 1.36 on Amazon EKS"); not confirmed on the AWS calendar or endoflife.date;
 * - 1.37: no release on EKS could be found; it is not listed, so a cluster on it is unknown to ZT-EKS-014 and refused
 *   by the construct until it is added here.
 */

/** Date (UTC) of the EKS version calendar that {@link EKS_VERSION_CALENDAR} reflects. */
export const KUBERNETES_VERSIONS_AS_OF = "2026-12-07";

/** One Kubernetes minor version on EKS. */
export interface KubernetesVersionSupport {
  /** The minor version, `major.minor`, e.g. `"1.35"`. */
  readonly version: string;
  /**
   * Day (UTC) its EKS standard support ends: from the start of that day EKS charges extended support, or upgrades the
   * cluster when its upgrade policy is STANDARD.
   */
  readonly endOfStandardSupport: string;
}

/** One row of the EKS release calendar. */
export interface EksVersionRelease extends KubernetesVersionSupport {
  /** Day (UTC) the version became available on EKS. */
  readonly eksRelease: string;
  /** False when the dates come from a source other than AWS or endoflife.date (see the file's header). */
  readonly confirmed: boolean;
}

/** The EKS release calendar, oldest first. */
export const EKS_VERSION_CALENDAR: readonly EksVersionRelease[] = [
  { version: "1.29", eksRelease: "2024-01-23", endOfStandardSupport: "2025-03-23", confirmed: true },
  { version: "1.30", eksRelease: "2024-05-23", endOfStandardSupport: "2025-07-23", confirmed: true },
  { version: "1.31", eksRelease: "2024-09-26", endOfStandardSupport: "2025-11-26", confirmed: true },
  { version: "1.32", eksRelease: "2025-01-23", endOfStandardSupport: "2026-03-23", confirmed: true },
  { version: "1.33", eksRelease: "2025-05-29", endOfStandardSupport: "2026-07-29", confirmed: true },
  { version: "1.34", eksRelease: "2025-10-02", endOfStandardSupport: "2026-12-02", confirmed: true },
  { version: "1.35", eksRelease: "2026-01-28", endOfStandardSupport: "2027-03-27", confirmed: true },
  { version: "1.36", eksRelease: "2026-06-02", endOfStandardSupport: "2027-08-02", confirmed: false },
];

/** True when `release` is in EKS standard support on `day` (`YYYY-MM-DD`). */
export function inStandardSupport(release: KubernetesVersionSupport & { readonly eksRelease?: string }, day: string): boolean {
  return (release.eksRelease === undefined || release.eksRelease <= day) && day < release.endOfStandardSupport;
}

/** Kubernetes minor versions in EKS standard support on {@link KUBERNETES_VERSIONS_AS_OF}, oldest first. */
export const KUBERNETES_VERSIONS: readonly KubernetesVersionSupport[] = EKS_VERSION_CALENDAR.filter((v) => inStandardSupport(v, KUBERNETES_VERSIONS_AS_OF)).map(
  ({ version, endOfStandardSupport }) => ({ version, endOfStandardSupport }),
);

/** The form of a Kubernetes minor version: `major.minor`, e.g. `1.35`. */
export const KUBERNETES_VERSION_FORMAT = /^1\.\d{1,2}$/;

/** The supported versions, e.g. `["1.35", "1.36"]`. */
export function supportedKubernetesVersions(): string[] {
  return KUBERNETES_VERSIONS.map((v) => v.version);
}

/** Compares two `major.minor` versions numerically (negative when `a` is older). */
export function compareKubernetesVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}
