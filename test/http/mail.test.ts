import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAccount, signedIn, textOf, Visitor } from '../support/http';
import { type RunningServer, startServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

let smtp: TestSmtp;
let server: RunningServer;
const from = 'Giải báo chí CCHC <thu@cchc.test>';
beforeAll(async () => {
  smtp = await startTestSmtp();
  server = await startServer({ ...smtp.serverEnv, MAIL_FROM: from });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const linkIn = (text: string) => text.match(/https?:\/\/\S+\/reset-password\/[a-z2-7]{32}\.[a-z2-7]{32}/)?.[0];

describe('password reset asked for at /reset-password', () => {
  it('mails a Vietnamese message with a one-time link built from PUBLIC_ORIGIN', async () => {
    const visitor = new Visitor(server.origin);
    const asked = await visitor.post('/reset-password?_action=auth.requestPasswordReset', { email: ' Scorer1@Demo.vn ' });
    expect(asked.status).toBe(302);
    expect(asked.headers.get('location')).toBe('/reset-password?sent');
    const [mail] = await smtp.waitFor(1, 'scorer1@demo.vn');
    expect(mail.from).toBe('"Giải báo chí CCHC" <thu@cchc.test>');
    expect(mail.subject).toBe('Đặt lại mật khẩu – Giải báo chí CCHC Quảng Ninh');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@127\.0\.0\.1>$/);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('content-language')).toBe('vi');
    expect(mail.text).toContain('Có yêu cầu đặt lại mật khẩu cho tài khoản scorer1@demo.vn.');
    expect(mail.text).toContain('Vì sao bạn nhận thư này: có người đã yêu cầu đặt lại mật khẩu');
    const link = linkIn(mail.text)!;
    expect(link.startsWith(`${server.origin}/reset-password/`)).toBe(true);
    expect(mail.html).toContain(`<a href="${link}">Mở trang</a>`);
    // The link opens the form to set a new password.
    expect((await visitor.get(new URL(link).pathname)).status).toBe(200);
  });

  it('answers the same for an address without an account, and mails nothing', async () => {
    const before = smtp.received.length;
    const visitor = new Visitor(server.origin);
    const asked = await visitor.post('/reset-password?_action=auth.requestPasswordReset', { email: 'khong-co@demo.vn' });
    expect(asked.status).toBe(302);
    expect(asked.headers.get('location')).toBe('/reset-password?sent');
    expect(await textOf(await visitor.get('/reset-password?sent'))).toContain('Nếu địa chỉ này thuộc một tài khoản đang hoạt động');
    // One real message after it shows the worker is running; none went to the unknown address.
    await visitor.post('/reset-password?_action=auth.requestPasswordReset', { email: 'scorer2@demo.vn' });
    await smtp.waitFor(1, 'scorer2@demo.vn');
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual(['scorer2@demo.vn']);
  });

  it('sends at most three links an hour for one account, with the same answer past the bound', async () => {
    const visitor = new Visitor(server.origin);
    for (let i = 0; i < 5; i++) {
      const asked = await visitor.post('/reset-password?_action=auth.requestPasswordReset', { email: 'scorer3@demo.vn' });
      expect(asked.headers.get('location')).toBe('/reset-password?sent');
    }
    await smtp.waitFor(3, 'scorer3@demo.vn');
    // A later message to someone else proves the two refused requests were not merely slow.
    await visitor.post('/reset-password?_action=auth.requestPasswordReset', { email: 'appraiser@demo.vn' });
    await smtp.waitFor(1, 'appraiser@demo.vn');
    expect(smtp.received.filter((m) => m.to === 'scorer3@demo.vn')).toHaveLength(3);
  });

  it('refuses a malformed address next to the field, in Vietnamese', async () => {
    const refused = await new Visitor(server.origin).post('/reset-password?_action=auth.requestPasswordReset', { email: 'khong-phai-dia-chi' });
    expect(refused.status).toBe(400);
    expect(await textOf(refused)).toContain('Địa chỉ thư điện tử không hợp lệ');
  });
});

describe('messages in the recipient’s language, and the invitation', () => {
  it('a person who chose English gets English; a new account gets an invitation to set its password', async () => {
    const journalist = await signedIn(server.origin, 'journalist2@demo.vn');
    const saved = await journalist.post('/app/account/notifications?_action=mail.saveSettings', { locale: 'en', reminders: 'on' });
    expect(saved.status).toBe(302);
    await new Visitor(server.origin).post('/reset-password?_action=auth.requestPasswordReset', { email: 'journalist2@demo.vn' });
    const [mail] = await smtp.waitFor(1, 'journalist2@demo.vn');
    expect(mail.subject).toBe('Reset your password – Quảng Ninh Press PAR Awards');
    expect(mail.headers.get('content-language')).toBe('en');

    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const page = await (await admin.get('/app/admin/accounts')).text();
    const organisationId = page.match(/<option value="(\d+)">Báo Hạ Long điện tử<\/option>/)![1];
    const created = await postAccount(admin, { name: 'Vũ Minh <b>Hằng</b>', email: 'hang.vu@baohalong.vn', role: 'journalist', organisationId, password: 'mat-khau-tam-thoi-1' });
    expect(created.status).toBe(302);
    const [invitation] = await smtp.waitFor(1, 'hang.vu@baohalong.vn');
    expect(invitation.subject).toBe('Mời bạn sử dụng hệ thống Giải báo chí CCHC Quảng Ninh – Giải báo chí CCHC Quảng Ninh');
    expect(invitation.text).toContain('Xin chào Vũ Minh <b>Hằng</b>,');
    // The name typed by an admin is text in the HTML part, never markup.
    expect(invitation.html).toContain('Xin chào Vũ Minh &lt;b&gt;Hằng&lt;/b&gt;,');
    expect(linkIn(invitation.text)!.startsWith(`${server.origin}/reset-password/`)).toBe(true);
  });
});

describe('the outbox page', () => {
  it('shows the admin every message, and nobody else', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const page = await textOf(await admin.get('/app/admin/outbox'));
    expect(page).toContain('scorer1@demo.vn');
    expect(page).toContain('Đã gửi');
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    expect((await coordinator.get('/app/admin/outbox')).status).toBe(403);
  });
});
