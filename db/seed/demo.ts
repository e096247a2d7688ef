import { count } from 'drizzle-orm';
import type { Database } from '../client';
import { campaigns, databaseFacts, mailOutbox, organisations, users } from '../schema';
import type { OrganisationKind, Role } from '../schema';
import { hashPassword } from '../../src/auth/password';
import { demoFact } from '../../src/auth/second-factor';
import { createDefaultRubric } from '../../src/domain/scoring/rubric';
import { seedDemoEntries } from './demo-entries';

/** DESIGN.md fixed point: every demo account uses this password. */
export const demoPassword = 'demo-password-2024';

const demoOrganisations: { key: string; kind: OrganisationKind; name: string; shortName: string }[] = [
  { key: 'infoComms', kind: 'info_comms', name: 'Sở Thông tin và Truyền thông tỉnh Quảng Ninh', shortName: 'Sở TT&TT' },
  { key: 'mediaCentre', kind: 'media_centre', name: 'Trung tâm Truyền thông tỉnh Quảng Ninh', shortName: 'TTTT tỉnh' },
  { key: 'homeAffairs', kind: 'home_affairs', name: 'Sở Nội vụ tỉnh Quảng Ninh', shortName: 'Sở Nội vụ' },
  { key: 'baoHaLong', kind: 'press', name: 'Báo Hạ Long điện tử', shortName: 'Báo Hạ Long' },
  { key: 'tapChi', kind: 'press', name: 'Tạp chí Thông tin và Truyền thông Quảng Ninh', shortName: 'Tạp chí TT&TT' },
  { key: 'camPha', kind: 'broadcaster', name: 'Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả', shortName: 'TTTT&VH Cẩm Phả' },
  { key: 'uongBi', kind: 'broadcaster', name: 'Trung tâm Truyền thông và Văn hóa thành phố Uông Bí', shortName: 'TTTT&VH Uông Bí' },
  { key: 'nhanDan', kind: 'central_press', name: 'Văn phòng đại diện Báo Nhân Dân tại Quảng Ninh', shortName: 'Báo Nhân Dân' },
  { key: 'vov', kind: 'central_press', name: 'Cơ quan thường trú Đài Tiếng nói Việt Nam khu vực Đông Bắc', shortName: 'VOV Đông Bắc' },
];

const demoAccounts: { email: string; name: string; role: Role; organisation: string; position: string }[] = [
  { email: 'admin@demo.vn', name: 'Nguyễn Quản Trị', role: 'admin', organisation: 'infoComms', position: 'Chuyên viên công nghệ thông tin' },
  { email: 'journalist@demo.vn', name: 'Trần Thị Thu Hà', role: 'journalist', organisation: 'baoHaLong', position: 'Phóng viên' },
  { email: 'journalist2@demo.vn', name: 'Phạm Đức Long', role: 'journalist', organisation: 'camPha', position: 'Biên tập viên' },
  { email: 'outlet@demo.vn', name: 'Lê Văn Đông', role: 'outlet_admin', organisation: 'baoHaLong', position: 'Phó Tổng Biên tập' },
  { email: 'scorer1@demo.vn', name: 'Hoàng Minh Tuấn', role: 'scorer', organisation: 'infoComms', position: 'Trưởng phòng Thông tin – Báo chí' },
  { email: 'scorer2@demo.vn', name: 'Vũ Thị Lan', role: 'scorer', organisation: 'mediaCentre', position: 'Trưởng ban Biên tập' },
  { email: 'scorer3@demo.vn', name: 'Đỗ Quang Huy', role: 'scorer', organisation: 'infoComms', position: 'Chuyên viên' },
  { email: 'coordinator@demo.vn', name: 'Bùi Thanh Hương', role: 'coordinator', organisation: 'infoComms', position: 'Phó Giám đốc Sở' },
  { email: 'appraiser@demo.vn', name: 'Ngô Văn Thành', role: 'appraiser', organisation: 'homeAffairs', position: 'Trưởng ban Thi đua – Khen thưởng' },
];

/** Vietnam is UTC+7 all year; deadlines are the end of the local day. */
const local = (isoDate: string, time = '23:59:59') => new Date(`${isoDate}T${time}+07:00`);

/**
 * Seeds the demo province on an empty database only, in one transaction: run it twice and the
 * second run changes nothing.
 */
export async function seedDemo(db: Database, { withEntries = true } = {}): Promise<'seeded' | 'skipped'> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return 'skipped';
  const hashes = await Promise.all(demoAccounts.map(() => hashPassword(demoPassword)));
  return db.transaction(async (tx) => {
    const orgIds = new Map<string, number>();
    for (const org of demoOrganisations) {
      const [row] = await tx
        .insert(organisations)
        .values({ kind: org.kind, name: org.name, shortName: org.shortName })
        .returning({ id: organisations.id });
      orgIds.set(org.key, row.id);
    }
    await tx.insert(users).values(
      demoAccounts.map((a, i) => ({
        email: a.email,
        name: a.name,
        position: a.position,
        role: a.role,
        organisationId: orgIds.get(a.organisation)!,
        passwordHash: hashes[i],
      })),
    );
    const [campaign] = await tx.insert(campaigns).values({
      year: 2024,
      title: 'Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm 2024 – khối báo chí',
      // The plan opened the movement on 19 Feb 2024; the demo keeps the windows open so that
      // every step can be tried today.
      submissionOpensAt: local('2024-02-19', '00:00:00'),
      submissionClosesAt: local('2027-06-30'),
      scoringClosesAt: local('2027-09-30'),
      nominationsDueAt: local('2027-10-31'),
    }).returning({ id: campaigns.id });
    await createDefaultRubric(tx, campaign.id);
    // The demo's accounts sign in with the password alone (DESIGN.md): this mark makes
    // MFA_REQUIRED_ROLES default to none on this database (src/auth/second-factor.ts).
    await tx.insert(databaseFacts).values(demoFact);
    // Inside the same transaction: a failed seed leaves an empty database, seeded again next start.
    if (withEntries) await seedDemoEntries(tx as unknown as Database, campaign.id);
    // The demo's history is made through the domain, which e-mails as it goes; that history is
    // not news, and the demo addresses are nobody's: its messages are not kept.
    await tx.delete(mailOutbox);
    return 'seeded' as const;
  });
}
