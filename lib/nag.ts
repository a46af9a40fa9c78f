/**
 * cdk-nag's AwsSolutions rules run on every synth: an unacknowledged finding fails `cdk synth`
 * and `cdk deploy`. Acknowledgements sit beside the resource they concern, each with its reason.
 */
import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';

export function checkWithNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}
