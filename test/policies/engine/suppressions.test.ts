import { hasReason, isExpired, matchSuppression } from "../../../policies/engine/suppressions";

const now = new Date("2027-01-31T12:00:00Z");

describe("suppressions", () => {
  test("expiry day itself still counts; invalid dates are expired", () => {
    expect(isExpired({ id: "X", reason: "r", expires: "2027-01-31" }, now)).toBe(false);
    expect(isExpired({ id: "X", reason: "r", expires: "2027-01-30" }, now)).toBe(true);
    expect(isExpired({ id: "X", reason: "r" }, now)).toBe(false);
    expect(isExpired({ id: "X", reason: "r", expires: "soon" }, now)).toBe(true);
  });
  test("reasons need 10 characters", () => {
    expect(hasReason({ id: "X", reason: "short" })).toBe(false);
    expect(hasReason({ id: "X", reason: "   padded    " })).toBe(false);
    expect(hasReason({ id: "X", reason: "a real reason" })).toBe(true);
  });
  test("matchSuppression ignores other rules, missing reasons and expired entries", () => {
    const list = [
      { id: "ZT-NET-001", reason: "short" },
      { id: "ZT-NET-002", reason: "accepted for the bastion", expires: "2026-12-31" },
      { id: "ZT-NET-003", reason: "accepted for the bastion" },
    ];
    expect(matchSuppression(list, "ZT-NET-001", undefined, now)).toBeUndefined();
    expect(matchSuppression(list, "ZT-NET-002", undefined, now)).toBeUndefined();
    expect(matchSuppression(list, "ZT-NET-003", undefined, now)).toBe(list[2]);
    expect(matchSuppression([], "ZT-NET-003", undefined, now)).toBeUndefined();
  });
  test("appliesTo limits to matching items", () => {
    const list = [{ id: "ZT-IAM-001", reason: "read-only bucket access", appliesTo: "Action::s3:Get*" }];
    expect(matchSuppression(list, "ZT-IAM-001", "Action::s3:GetObject", now)).toBe(list[0]);
    expect(matchSuppression(list, "ZT-IAM-001", "Action::s3:PutObject", now)).toBeUndefined();
    expect(matchSuppression(list, "ZT-IAM-001", undefined, now)).toBeUndefined();
    const literal = [{ id: "ZT-IAM-001", reason: "read-only bucket access", appliesTo: "Action::s3:Get?bject" }];
    expect(matchSuppression(literal, "ZT-IAM-001", "Action::s3:GetObject", now)).toBeUndefined();
  });
});
