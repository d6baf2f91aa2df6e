import { formatCpu, formatMemory, parseQuantity } from "../../constructs/kubernetes/quantity";

describe("Kubernetes quantities", () => {
  test.each<[string, number]>([
    ["100m", 0.1],
    ["2", 2],
    ["0.5", 0.5],
    [".5", 0.5],
    ["128Mi", 128 * 2 ** 20],
    ["1Gi", 2 ** 30],
    ["1G", 1e9],
    ["1k", 1000],
    ["1e3", 1000],
    ["5E-1", 0.5],
  ])("%s is %d", (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  test.each(["", "lots", "1MB", "-1", "1 Gi", "Gi", "1.2.3"])("%j is not a quantity", (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });

  test("non-strings are not quantities", () => {
    expect(parseQuantity(1)).toBeUndefined();
    expect(parseQuantity(undefined)).toBeUndefined();
  });

  test("CPU is written in millicores and memory in mebibytes when whole", () => {
    expect(formatCpu(1.2)).toBe("1200m");
    expect(formatCpu(0.3)).toBe("300m");
    expect(formatCpu(0.0005)).toBe("1m");
    expect(formatMemory(384 * 2 ** 20)).toBe("384Mi");
    expect(formatMemory(1e9)).toBe("1000000000");
  });
});
