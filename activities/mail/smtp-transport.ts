import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpSettings {
  /** smtp://host:port or smtps://host:port. */
  url: string;
  user?: string | undefined;
  password?: string | undefined;
}

/**
 * One nodemailer transport per worker. Short connection timeouts: an SMTP outage should fail the attempt quickly
 * so Temporal's retry (with backoff) takes over, instead of holding an activity slot.
 */
export function createSmtpTransport(settings: SmtpSettings): Transporter {
  const url = new URL(settings.url);
  return nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 25)),
    secure: url.protocol === 'smtps:',
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
}
