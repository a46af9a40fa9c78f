/**
 * What `cdk destroy` does with the data (`operations.removalPolicy`). `retain`, the default,
 * leaves the table and the buckets behind, so a mistaken destroy loses nothing. `destroy` is for
 * trial stacks: everything goes, the buckets emptied first, since CloudFormation cannot delete a
 * bucket that holds objects.
 */
import { RemovalPolicy } from 'aws-cdk-lib';

export interface DataRemoval {
  removalPolicy: RemovalPolicy;
  /** Buckets only: empty them on delete (a CDK-provided custom resource). */
  autoDeleteObjects: boolean;
}

export function dataRemoval(policy: 'retain' | 'destroy'): DataRemoval {
  if (policy === 'retain') return { removalPolicy: RemovalPolicy.RETAIN, autoDeleteObjects: false };
  return { removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true };
}
