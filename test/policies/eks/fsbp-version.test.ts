import { Model } from "../../../policies/engine/model";
import { EKS_VERSION_CALENDAR, KUBERNETES_VERSIONS, KUBERNETES_VERSIONS_AS_OF, inStandardSupport } from "../../../policies/shared/eks-versions";
import { ztEks014 } from "../../../policies/rules/eks/zt-eks-014-version-out-of-standard-support";
import { KUBERNETES_VERSIONS as CONSTRUCT_VERSIONS } from "../../../constructs/cluster";
import { expectRule, plannedModel, resultsOf, synthModel } from "../../support/rules";
import { eksVersionFixture } from "./fsbp-version-fixture";

const C = (name: string) => `aws_eks_cluster.${name}`;
/** The day the calendar was read: 1.34 left standard support five days before. */
const NOW = new Date(`${KUBERNETES_VERSIONS_AS_OF}T12:00:00Z`);

function expectVerdicts(model: () => Model, unknownVersion: string[]): void {
  it("fails versions out of standard support and older than the calendar, passes current ones and the EKS default", () => {
    expectRule(ztEks014, model(), {
      fail: [C("ended"), C("ancient")],
      pass: [C("current"), C("newest"), C("default_version")],
      unknown: [C("unreleased"), ...unknownVersion],
    });
  });

  it("names the day standard support ended", () => {
    const message = (name: string) => resultsOf(ztEks014, model()).find((r) => r.address === C(name))?.message;
    expect(message("ended")).toBe("Kubernetes 1.34 left EKS standard support on 2026-12-02");
    expect(message("ancient")).toBe("Kubernetes 1.27 is older than 1.29, which left EKS standard support on 2025-03-23");
    expect(message("unreleased")).toBe(`Kubernetes 1.37 is not in the EKS calendar of ${KUBERNETES_VERSIONS_AS_OF} (policies/shared/eks-versions.ts)`);
  });
}

describe("ZT-EKS-014 (EKS version out of standard support)", () => {
  describe("synthesized", () => {
    const model = synthModel(eksVersionFixture(), NOW);
    expectVerdicts(() => model, [C("from_variable")]);
  });

  describe("planned", () => {
    let model: Model;
    beforeAll(async () => {
      model = await plannedModel(eksVersionFixture(), NOW);
    });
    // The plan knows the variable's default, 1.35.
    expectVerdicts(() => model, []);
  });

  it("judges by the day of the check: a version passes until its end of standard support", () => {
    const stack = eksVersionFixture();
    const before = synthModel(stack, new Date("2026-12-01T23:00:00Z"));
    expect(resultsOf(ztEks014, before).find((r) => r.address === C("ended"))?.status).toBe("pass");
    const after = synthModel(stack, new Date("2027-03-27T00:00:00Z"));
    expect(resultsOf(ztEks014, after).find((r) => r.address === C("current"))?.status).toBe("fail");
  });
});

describe("the EKS version calendar", () => {
  it("is one list shared with HardenedCluster, whose versions are those in standard support on its date", () => {
    expect(CONSTRUCT_VERSIONS).toBe(KUBERNETES_VERSIONS);
    expect(KUBERNETES_VERSIONS.map((v) => v.version)).toEqual(["1.35", "1.36"]);
    for (const v of KUBERNETES_VERSIONS) expect(inStandardSupport(v, KUBERNETES_VERSIONS_AS_OF)).toBe(true);
  });

  it("lists versions oldest first, each released before its standard support ends", () => {
    const versions = EKS_VERSION_CALENDAR.map((v) => Number(v.version.split(".")[1]));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    for (const v of EKS_VERSION_CALENDAR) expect(v.eksRelease < v.endOfStandardSupport).toBe(true);
  });
});
