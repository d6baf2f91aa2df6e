import { Construct } from "constructs";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { policyDocument } from "../core/policy-document";
import { resourceTags } from "../network/tags";
import { accountRootArn } from "../secrets/key-policy";
import { ServiceKey } from "../secrets/service-key";

/** Key of the truststore object in its bucket. */
export const TRUSTSTORE_KEY = "truststore.pem";

/** Properties of a {@link TruststoreBucket}. */
export interface TruststoreBucketProps {
  /** Name of the gateway (bucket name prefix and key alias owner). */
  readonly gatewayName: string;
  /** PEM text of the certificate authorities whose client certificates the domain accepts. */
  readonly pem: string;
  /** Roles that administer (not use) the bucket's key. */
  readonly keyAdminRoleArns: readonly string[];
  /** Extra tags. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The S3 bucket holding a custom domain's mutual TLS truststore: versioned (the domain names the object version, so a
 * new bundle takes effect only when the domain is updated to it), encrypted by default with a customer-managed key
 * that principals of this account use only through S3 in this region, every public access block on, ACLs disabled
 * (BucketOwnerEnforced), and a bucket policy that denies every request made without TLS.
 *
 * API Gateway reads the truststore with the credentials of whoever creates or updates the domain name, so the
 * deploying principal needs `s3:GetObject` on the object and `kms:Decrypt` (through S3) in its IAM policy.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html
 */
export class TruststoreBucket extends Construct {
  /** The bucket. */
  readonly bucket: S3Bucket;
  /** The key the bucket encrypts with. */
  readonly key: ServiceKey;
  /** The truststore object. */
  readonly object: S3Object;
  /** `s3://<bucket>/<key>`, the domain's truststore URI. */
  readonly uri: string;

  constructor(scope: Construct, id: string, props: TruststoreBucketProps) {
    super(scope, id);
    const { gatewayName } = props;
    this.key = new ServiceKey(this, "key", {
      owner: gatewayName,
      purpose: "truststore",
      usedThrough: "s3",
      adminRoleArns: [...props.keyAdminRoleArns],
      description: `Encrypts the mutual TLS truststore of gateway ${gatewayName}`,
      tags: resourceTags(props.tags, `${gatewayName}-truststore`),
    });
    // Whoever deploys the domain writes and reads the truststore through S3 with this key; nothing uses it directly.
    this.key.allowUseThrough("AccountUsesThroughS3", [accountRootArn(this.key.partition, this.key.accountId)], ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]);

    this.bucket = new S3Bucket(this, "bucket", {
      bucketPrefix: `zt-${gatewayName}-`,
      tags: resourceTags(props.tags, `${gatewayName}-truststore`),
    });
    const bucket = this.bucket.id;
    new S3BucketVersioningA(this, "versioning", { bucket, versioningConfiguration: { status: "Enabled" } });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.keyArn }, bucketKeyEnabled: true }],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, "ownership", { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } });
    const policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: policyDocument([
        {
          Sid: "DenyRequestsWithoutTls",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ]),
      dependsOn: [publicAccess],
    });
    this.object = new S3Object(this, "truststore", {
      bucket,
      key: TRUSTSTORE_KEY,
      content: props.pem,
      contentType: "application/x-pem-file",
      serverSideEncryption: "aws:kms",
      kmsKeyId: this.key.keyArn,
      bucketKeyEnabled: true,
      dependsOn: [encryption, policy],
    });
    this.uri = `s3://${this.bucket.bucket}/${TRUSTSTORE_KEY}`;
  }
}
