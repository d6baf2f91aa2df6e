import { PolicyStatementJson } from "../core/policy-document";
import { Partition, dnsSuffix } from "../core/environment";
import { ErrorSource, ValidationError } from "../core/errors";
import { accountOfArn, isToken, requireArns } from "../core/validate";

/** The service runs on EC2 hosts; the role gets an instance profile. */
export interface Ec2Trust {
  /**
   * Trust EC2 (`ec2.amazonaws.com`). EC2 is not documented to send `aws:SourceAccount` when an instance
   * profile's role is assumed, and a condition on a key that is absent would deny the hosts their
   * credentials, so the statement carries no source condition; who may launch hosts with the role is
   * governed by `iam:PassRole` on its ARN, which only principals of this account can hold.
   */
  readonly kind: "ec2";
}

/** The service runs in EKS pods that get credentials through EKS Pod Identity. */
export interface EksPodIdentityTrust {
  /** Trust EKS Pod Identity (`pods.eks.amazonaws.com`). */
  readonly kind: "eks-pod-identity";
  /**
   * ARN of the only EKS cluster whose pods may assume the role (`aws:SourceArn`), e.g.
   * `arn:aws:eks:eu-west-1:123456789012:cluster/main`.
   *
   * @default - any cluster of this account (`aws:SourceAccount` only)
   */
  readonly clusterArn?: string;
}

/** The service runs in EKS pods that get credentials through IAM roles for service accounts. */
export interface IrsaTrust {
  /** Trust one Kubernetes service account through the cluster's OIDC provider. */
  readonly kind: "irsa";
  /** ARN of the cluster's IAM OIDC provider, e.g. `arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`. */
  readonly oidcProviderArn: string;
  /**
   * Issuer URL of the cluster, with or without `https://`, e.g. `https://oidc.eks.eu-west-1.amazonaws.com/id/ABC`.
   * A token must resolve to the issuer without `https://`; one that does not makes the trust fail closed.
   */
  readonly oidcIssuerUrl: string;
  /** Kubernetes namespace of the service account. */
  readonly namespace: string;
  /** Name of the Kubernetes service account. */
  readonly serviceAccount: string;
}

/** Who may assume a service identity's role. */
export type IdentityTrust = Ec2Trust | EksPodIdentityTrust | IrsaTrust;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$/;

/** Checks the trust settings, throwing errors that name the construct and the prop. */
export function validateTrust(source: ErrorSource, trust: IdentityTrust, accountId: string, partition: Partition): void {
  switch (trust.kind) {
    case "ec2":
      return;
    case "eks-pod-identity":
      if (trust.clusterArn !== undefined) {
        requireArns(source, "trust.clusterArn", [trust.clusterArn], partition, "eks", /^cluster\/[A-Za-z0-9][A-Za-z0-9_-]*$/, `arn:${partition}:eks:eu-west-1:123456789012:cluster/main`);
        const account = accountOfArn(trust.clusterArn);
        if (account !== undefined && !isToken(accountId) && account !== accountId) {
          throw new ValidationError(source, "trust.clusterArn", `trust.clusterArn is in account ${account}, not ${accountId}; pods may only assume roles of their own account.`);
        }
      }
      return;
    case "irsa": {
      requireArns(source, "trust.oidcProviderArn", [trust.oidcProviderArn], partition, "iam", /^oidc-provider\/.+/, `arn:${partition}:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC`);
      if (!isToken(trust.oidcIssuerUrl)) {
        const issuer = issuerHostPath(trust.oidcIssuerUrl);
        if (!/^[a-z0-9.-]+(\/[A-Za-z0-9._~-]+)*$/.test(issuer)) {
          throw new ValidationError(source, "trust.oidcIssuerUrl", `trust.oidcIssuerUrl "${trust.oidcIssuerUrl}" is not an issuer URL; pass the cluster's issuer, e.g. "https://oidc.eks.eu-west-1.amazonaws.com/id/ABC".`);
        }
        if (!isToken(trust.oidcProviderArn) && !trust.oidcProviderArn.endsWith(`:oidc-provider/${issuer}`)) {
          throw new ValidationError(source, "trust.oidcProviderArn", `trust.oidcProviderArn does not belong to trust.oidcIssuerUrl "${trust.oidcIssuerUrl}"; pass the provider ARN ending in "oidc-provider/${issuer}".`);
        }
      }
      if (!DNS_LABEL.test(trust.namespace)) {
        throw new ValidationError(source, "trust.namespace", `trust.namespace "${trust.namespace}" is not a Kubernetes namespace name; use a DNS label such as "orders".`);
      }
      if (!DNS_SUBDOMAIN.test(trust.serviceAccount)) {
        throw new ValidationError(source, "trust.serviceAccount", `trust.serviceAccount "${trust.serviceAccount}" is not a Kubernetes service account name; use lowercase letters, digits, '-' and '.'.`);
      }
      return;
    }
    default:
      throw new ValidationError(source, "trust.kind", `trust.kind "${(trust as { kind: string }).kind}" is not supported; use "ec2", "eks-pod-identity" or "irsa".`);
  }
}

/** The issuer URL without its scheme and trailing slash, as IAM names OIDC condition keys. */
export function issuerHostPath(url: string): string {
  return isToken(url) ? url : url.replace(/^https:\/\//, "").replace(/\/+$/, "");
}

/** The trust policy statement for `trust`, pinned to `accountId`. */
export function trustStatement(trust: IdentityTrust, accountId: string, partition: Partition): PolicyStatementJson {
  const suffix = dnsSuffix(partition);
  switch (trust.kind) {
    case "ec2":
      return {
        Sid: "Ec2Instances",
        Effect: "Allow",
        Principal: { Service: `ec2.${suffix}` },
        Action: "sts:AssumeRole",
      };
    case "eks-pod-identity":
      return {
        Sid: "EksPodIdentity",
        Effect: "Allow",
        Principal: { Service: `pods.eks.${suffix}` },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ...(trust.clusterArn !== undefined ? { ArnEquals: { "aws:SourceArn": trust.clusterArn } } : {}),
        },
      };
    case "irsa": {
      const issuer = issuerHostPath(trust.oidcIssuerUrl);
      return {
        Sid: "KubernetesServiceAccount",
        Effect: "Allow",
        Principal: { Federated: trust.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${trust.namespace}:${trust.serviceAccount}`,
            [`${issuer}:aud`]: "sts.amazonaws.com",
          },
        },
      };
    }
  }
}
