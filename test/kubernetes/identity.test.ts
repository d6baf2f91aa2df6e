import { meshPrincipal, podIdentityTarget, serviceAccountName, workloadLabels } from "../../constructs/kubernetes";

describe("derived Kubernetes identities", () => {
  const orders = { service: "orders", namespace: "shop" };

  test("the ServiceAccount is the service name unless the workload names one", () => {
    expect(serviceAccountName(orders)).toBe("orders");
    expect(serviceAccountName({ ...orders, serviceAccount: "orders-api" })).toBe("orders-api");
  });

  test("labels name the service and the platform", () => {
    expect(workloadLabels(orders, "zt-platform")).toEqual({
      "app.kubernetes.io/name": "orders",
      "app.kubernetes.io/part-of": "zt-platform",
    });
  });

  test("the mesh principal is derived from the namespace and the ServiceAccount", () => {
    expect(meshPrincipal(orders)).toBe("cluster.local/ns/shop/sa/orders");
    expect(meshPrincipal({ ...orders, serviceAccount: "orders-api" })).toBe("cluster.local/ns/shop/sa/orders-api");
    expect(meshPrincipal(orders, "prod.example")).toBe("prod.example/ns/shop/sa/orders");
  });

  test("the Pod Identity target is the namespace and the service's own ServiceAccount", () => {
    expect(podIdentityTarget(orders)).toEqual({ namespace: "shop", serviceAccount: "orders" });
    expect(podIdentityTarget({ ...orders, serviceAccount: "orders-api" })).toEqual({ namespace: "shop", serviceAccount: "orders-api" });
  });
});
