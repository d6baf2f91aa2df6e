import { ServiceDeclaration } from "../../constructs/service";
import { AMI } from "../compute/fixtures";
import { ACCOUNT, REGION } from "../identity/harness";

/** The role that administers the platform's keys and secrets. */
export const ADMIN = `arn:aws:iam::${ACCOUNT}:role/platform-deployer`;

const rotation = (service: string) => ({
  lambdaArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:rotate-${service}`,
  lambdaRoleArn: `arn:aws:iam::${ACCOUNT}:role/rotate-${service}`,
});

/** Three services: web calls api (HTTP 8443), api calls db (TCP 5432, isolated tier). */
export function threeServices(): ServiceDeclaration[] {
  return [
    { name: "web", ports: [{ name: "https", port: 8443, protocol: "http" }], runtime: { kind: "ec2", amiId: AMI }, calls: [{ service: "api", port: "https", methods: ["GET"] }] },
    {
      name: "api",
      ports: [{ name: "https", port: 8443, protocol: "http" }],
      runtime: { kind: "ec2", amiId: AMI },
      calls: [{ service: "db", port: "postgres" }],
      secrets: [{ name: "db-password" }],
      rotation: rotation("api"),
    },
    { name: "db", ports: [{ name: "postgres", port: 5432, protocol: "tcp" }], runtime: { kind: "ec2", amiId: AMI, tier: "isolated" } },
  ];
}
