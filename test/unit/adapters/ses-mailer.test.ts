import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, it } from 'vitest';
import { createSesMailer } from '../../../lambdas/adapters/ses/mailer.ts';
import { SendError } from '../../../lambdas/core/ports.ts';

const message = {
  id: 'alert:st_1:Harbour',
  to: ['desk@example.com'],
  subject: 's',
  text: 't',
  html: '<p>t</p>',
};

/** An SES client whose every send fails with an error of this name, as the SDK throws them. */
function refusingSes(name: string): SESv2Client {
  const error = Object.assign(new Error('refused'), { name });
  return { send: async () => Promise.reject(error) } as unknown as SESv2Client;
}

describe('SES mailer', () => {
  it.each([
    ['MessageRejected', true],
    ['MailFromDomainNotVerifiedException', true],
    ['TooManyRequestsException', false],
    ['InternalFailure', false],
  ])('reports %s as a SendError, permanent: %s', async (name, permanent) => {
    const error = await createSesMailer(refusingSes(name), 'nw@example.com')
      .send(message)
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(SendError);
    expect((error as SendError).permanent).toBe(permanent);
    expect((error as SendError).message).toContain(name);
  });
});
