import { escapeXml } from '@/components/home/site';
import { config } from '@/config';
import { type Locale, type MessageKey, translate } from '@/i18n';

/** What one message says, before it is written as text and HTML in the recipient's language. */
export interface MailContent {
  subject: { key: MessageKey; params?: Record<string, string | number> };
  /** Paragraphs of the body. */
  body: { key: MessageKey; params?: Record<string, string | number> }[];
  /** A path on the site (`/app/…`), made absolute from PUBLIC_ORIGIN. */
  link?: string;
  /** Why this person gets this message (the issue: "each message says why it was sent"). */
  reason: MessageKey;
  /** Reminders and work notices say where to turn them off; account and decision messages do not. */
  optional: boolean;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

/**
 * Links in a message are read outside the site, so they are absolute and built from PUBLIC_ORIGIN,
 * never from the Host of whatever request caused the message (a forged Host must not put its own
 * address into a password-reset mail).
 */
export function mailOrigin(): string {
  return config().publicOrigin ?? `http://localhost:${process.env.PORT ?? 4321}`;
}

export function absoluteLink(path: string): string {
  return new URL(path, mailOrigin()).href;
}

/** Plain text plus a simple HTML part saying the same; every value is escaped in the HTML. */
export function composeMail(locale: Locale, recipientName: string, content: MailContent): ComposedMail {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const subject = `${t(content.subject.key, content.subject.params)} – ${t('mail.brand')}`;
  const paragraphs = content.body.map((p) => t(p.key, p.params));
  const link = content.link ? absoluteLink(content.link) : undefined;
  const settings = absoluteLink('/app/account/notifications');
  const greeting = t('mail.greeting', { name: recipientName });
  const why = t('mail.why', { reason: t(content.reason) });

  const text = [
    greeting,
    ...paragraphs,
    ...(link ? [`${t('mail.open')}: ${link}`] : []),
    '--',
    why,
    ...(content.optional ? [t('mail.turnOff', { link: settings })] : []),
    t('mail.footer'),
  ].join('\n\n');

  const p = (s: string) => `<p>${escapeXml(s)}</p>`;
  const a = (href: string, label: string) => `<a href="${escapeXml(href)}">${escapeXml(label)}</a>`;
  // The catalogue's `{link}` is left in place by an absent parameter, then replaced by the anchor.
  const turnOff = escapeXml(t('mail.turnOff')).replace('{link}', a(settings, settings));
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeXml(subject)}</title></head><body>`,
    p(greeting),
    ...paragraphs.map(p),
    ...(link ? [`<p>${a(link, t('mail.open'))}</p>`] : []),
    '<hr>',
    `<p><small>${escapeXml(why)}</small></p>`,
    ...(content.optional ? [`<p><small>${turnOff}</small></p>`] : []),
    `<p><small>${escapeXml(t('mail.footer'))}</small></p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
