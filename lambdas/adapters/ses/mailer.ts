/** The Mailer port on SES v2. */
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../core/ports.ts';

export class MailerError extends Error {
  override name = 'MailerError';
  /** True when retrying cannot help (rejected message, unverified sender, bad address). */
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.permanent = permanent;
  }
}

const PERMANENT = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'BadRequestException',
  'NotFoundException',
]);

export function createSesMailer(ses: SESv2Client, from: string, configurationSet?: string): Mailer {
  return {
    async send(message) {
      try {
        const out = await ses.send(
          new SendEmailCommand({
            FromEmailAddress: from,
            Destination: { ToAddresses: message.to },
            ConfigurationSetName: configurationSet,
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: 'UTF-8' },
                Body: {
                  Text: { Data: message.text, Charset: 'UTF-8' },
                  Html: { Data: message.html, Charset: 'UTF-8' },
                },
              },
            },
          }),
        );
        return { messageId: out.MessageId ?? 'unknown' };
      } catch (err) {
        const name = (err as Error).name;
        throw new MailerError(
          `SES SendEmail failed: ${name}: ${(err as Error).message}`,
          PERMANENT.has(name),
          {
            cause: err,
          },
        );
      }
    },
  };
}
