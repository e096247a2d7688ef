import { describe, expect, it } from 'vitest';
import { demoPassword } from '../../db/seed/demo';
import { postAccount, signedIn, textOf, Visitor } from '../support/http';
import { useServer } from '../support/server';

const server = useServer();

/** The account id in the accounts table row that shows this e-mail. */
async function accountId(admin: Visitor, email: string): Promise<string> {
  const html = await (await admin.get('/app/admin/accounts')).text();
  const row = html.split('<tr>').find((r) => r.includes(email));
  const id = row?.match(/name="userId" value="(\d+)"/)?.[1];
  if (!id) throw new Error(`no row for ${email}`);
  return id;
}

describe('organisations', () => {
  it('an admin adds one, and a second with the same name is refused next to the field', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const fields = { kind: 'broadcaster', name: 'Trung tâm Truyền thông và Văn hóa thành phố Móng Cái', shortName: 'TTTT&VH Móng Cái' };
    const created = await admin.post('/app/admin/organisations?_action=admin.createOrganisation', fields);
    expect(created.status).toBe(302);
    expect(await textOf(await admin.get('/app/admin/organisations'))).toContain(fields.name);
    const again = await admin.post('/app/admin/organisations?_action=admin.createOrganisation', fields);
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain('Đã có cơ quan, đơn vị mang tên này.');
  });
});

describe('accounts', () => {
  it('an admin creates an account that can then sign in', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const page = await (await admin.get('/app/admin/accounts')).text();
    const organisationId = page.match(/<option value="(\d+)">Báo Hạ Long điện tử<\/option>/)![1];
    const response = await postAccount(admin, { name: 'Đặng Thu Trang', email: 'Trang.Dang@BaoHaLong.vn', role: 'journalist', organisationId, password: 'một mật khẩu dài' });
    expect(response.status).toBe(302);
    const trang = new Visitor(server.origin);
    expect((await trang.logIn('trang.dang@baohalong.vn', 'một mật khẩu dài')).status).toBe(302);
    expect(await textOf(await trang.get('/app'))).toContain('Xin chào, Đặng Thu Trang');
  });

  it('refuses a short password and a taken e-mail with messages next to the fields, keeping nothing', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const short = await postAccount(admin, { name: 'Ngắn', email: 'short@demo.vn', role: 'journalist', organisationId: '1', password: '1234567' });
    expect(short.status).toBe(400);
    expect(await textOf(short)).toContain('Mật khẩu cần ít nhất 8 ký tự.');
    const taken = await postAccount(admin, { name: 'Trùng', email: 'JOURNALIST@demo.vn', role: 'journalist', organisationId: '1', password: '12345678' });
    expect(taken.status).toBe(409);
    expect(await textOf(taken)).toContain('Địa chỉ thư điện tử này đã có tài khoản.');
    expect(await textOf(await admin.get('/app/admin/accounts'))).not.toContain('short@demo.vn');
  });

  it('a role change signs the person out everywhere', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const scorer = await signedIn(server.origin, 'scorer2@demo.vn');
    expect((await scorer.get('/app/scoring')).status).toBe(200);
    const id = await accountId(admin, 'scorer2@demo.vn');
    expect((await admin.post('/app/admin/accounts?_action=admin.changeRole', { userId: id, role: 'coordinator' })).status).toBe(302);
    expect((await scorer.get('/app/scoring')).status).toBe(302);
    await scorer.logIn('scorer2@demo.vn');
    expect((await scorer.get('/app/nominations')).status).toBe(200);
  });

  it('deactivation ends the sessions and refuses the next login with a clear message', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const id = await accountId(admin, 'journalist2@demo.vn');
    const journalist = await signedIn(server.origin, 'journalist2@demo.vn');
    await admin.post('/app/admin/accounts?_action=admin.setActive', { userId: id, active: 'false' });
    expect((await journalist.get('/app')).status).toBe(302);
    const refused = await journalist.logIn('journalist2@demo.vn', demoPassword).catch(() => null);
    const again = await new Visitor(server.origin).post('/login?_action=auth.logIn', { email: 'journalist2@demo.vn', password: demoPassword });
    expect(refused).toBeNull();
    expect(again.status).toBe(403);
    expect(await textOf(again)).toContain('Tài khoản này đã bị khóa.');
    await admin.post('/app/admin/accounts?_action=admin.setActive', { userId: id, active: 'true' });
  });

  it('a one-time reset link sets a new password once', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const id = await accountId(admin, 'appraiser@demo.vn');
    const issued = await admin.post('/app/admin/accounts?_action=admin.issuePasswordReset', { userId: id });
    const link = (await issued.text()).match(/data-reset-link>([^<]+)</)![1];
    const path = new URL(link).pathname;
    const appraiser = await signedIn(server.origin, 'appraiser@demo.vn');

    const stranger = new Visitor(server.origin);
    expect((await stranger.get(path)).status).toBe(200);
    const mismatch = await stranger.post(`${path}?_action=auth.resetPassword`, { token: path.split('/').pop()!, password: 'mật khẩu mới 2025', confirm: 'khác' });
    expect(await textOf(mismatch)).toContain('Hai mật khẩu không khớp.');
    const done = await stranger.post(`${path}?_action=auth.resetPassword`, {
      token: path.split('/').pop()!,
      password: 'mật khẩu mới 2025',
      confirm: 'mật khẩu mới 2025',
    });
    expect(done.headers.get('location')).toBe('/login?passwordSet');

    expect((await appraiser.get('/app')).status).toBe(302); // the old session ended
    expect((await new Visitor(server.origin).post('/login?_action=auth.logIn', { email: 'appraiser@demo.vn', password: demoPassword })).status).toBe(401);
    expect((await new Visitor(server.origin).logIn('appraiser@demo.vn', 'mật khẩu mới 2025')).status).toBe(302);
    expect((await stranger.get(path)).status).toBe(410); // spent
  });
});

describe('an outlet admin manages only its own journalists', () => {
  it('sees only them', async () => {
    const outlet = await signedIn(server.origin, 'outlet@demo.vn');
    const text = await textOf(await outlet.get('/app/admin/accounts'));
    expect(text).toContain('journalist@demo.vn');
    expect(text).not.toContain('journalist2@demo.vn');
    expect(text).not.toContain('admin@demo.vn');
  });

  it('cannot touch a journalist of another outlet, whatever id it posts', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const other = await accountId(admin, 'journalist2@demo.vn');
    const outlet = await signedIn(server.origin, 'outlet@demo.vn');
    const response = await outlet.post('/app/admin/accounts?_action=admin.setActive', { userId: other, active: 'false' });
    expect(response.status).toBe(404);
    expect((await signedIn(server.origin, 'journalist2@demo.vn').then((v) => v.get('/app'))).status).toBe(200);
  });

  it('creates journalists of its own outlet even if the form is edited to say otherwise', async () => {
    const outlet = await signedIn(server.origin, 'outlet@demo.vn');
    const response = await postAccount(outlet, { name: 'Kẻ Leo Thang', email: 'escalate@demo.vn', role: 'admin', organisationId: '1', password: 'a long enough one' });
    expect(response.status).toBe(302);
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const html = await (await admin.get('/app/admin/accounts')).text();
    const row = html.split('<tr>').find((r) => r.includes('escalate@demo.vn'))!;
    expect(row).toContain('Báo Hạ Long điện tử');
    expect(row).toMatch(/<option value="journalist" selected>/);
  });
});

describe('checkboxes', () => {
  it('an unticked "active" box deactivates an organisation, and ticking it reactivates', async () => {
    const admin = await signedIn(server.origin, 'admin@demo.vn');
    const html = await (await admin.get('/app/admin/organisations')).text();
    const row = html.split('<tr>').find((r) => r.includes('Tạp chí Thông tin và Truyền thông Quảng Ninh'))!;
    const id = row.match(/name="id" value="(\d+)"/)![1];
    const fields = { id, kind: 'press', name: 'Tạp chí Thông tin và Truyền thông Quảng Ninh', shortName: 'Tạp chí TT&TT' };
    expect((await admin.post('/app/admin/organisations?_action=admin.updateOrganisation', fields)).status).toBe(302);
    const off = (await (await admin.get('/app/admin/organisations')).text()).split('<tr>').find((r) => r.includes(fields.name))!;
    expect(textOfRow(off)).toContain('Đã khóa');
    expect((await admin.post('/app/admin/organisations?_action=admin.updateOrganisation', { ...fields, active: 'on' })).status).toBe(302);
    const on = (await (await admin.get('/app/admin/organisations')).text()).split('<tr>').find((r) => r.includes(fields.name))!;
    expect(textOfRow(on)).toContain('Đang hoạt động');
  });
});

function textOfRow(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
