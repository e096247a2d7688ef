import { count, eq } from 'drizzle-orm';
import type { Database } from '../client';
import { campaignScoringPartners, campaigns, databaseFacts, mailOutbox, organisationNames, organisations, users } from '../schema';
import type { OrganisationKind, Role } from '../schema';
import { hashPassword } from '../../src/auth/password';
import { demoFact } from '../../src/auth/second-factor';
import { createDefaultRubric } from '../../src/domain/scoring/rubric';
import { newCampaignDefaults } from '../../src/domain/campaigns/campaigns';
import { seedDemoPosting } from './demo-posting';
import { seedDemoEntries } from './demo-entries';
import { personName, seedDemoYear, sequence, type DemoOutlet } from './demo-history';
import { seedDemoAwards } from './demo-gallery';

/** DESIGN.md fixed point: every demo account uses this password. */
export const demoPassword = 'demo-password-2024';

/*
 * The province's bodies as they are at the end of 2026 (DESIGN.md "Organisations are data"):
 * - the Department of Information and Communications merged into the Department of Science and
 *   Technology from 01/03/2025, and the press went to the Department of Culture, Sports and
 *   Tourism, itself formed then from the Department of Culture and Sports and the Department of
 *   Tourism (Quảng Ninh announced both departments' leaders at the same conference:
 *   news.laodong.vn "Quảng Ninh công bố nhân sự các cơ quan chuyên môn thuộc UBND tỉnh", 2025);
 * - the Provincial Media Centre, under the provincial Party committee since the 2019 merger of Báo
 *   Quảng Ninh, the provincial radio and television, Báo Hạ Long and the provincial portal
 *   (cand.com.vn "Ra mắt Trung tâm Truyền thông cấp tỉnh đầu tiên tại Quảng Ninh"), is the main
 *   newsroom and a scoring partner;
 * - central press agencies keep representative offices in the province;
 * - district level ended on 01/07/2025: the city centres now serve wards (local_media).
 * The accounts and organisations the tests rely on keep their names; the history (the merger,
 * the renames) is written only with the demo's entries.
 */
const demoOrganisations: { key: string; kind: OrganisationKind; name: string; shortName: string }[] = [
  { key: 'culture', kind: 'department', name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ninh', shortName: 'Sở VHTTDL' },
  { key: 'infoComms', kind: 'department', name: 'Sở Thông tin và Truyền thông tỉnh Quảng Ninh', shortName: 'Sở TT&TT' },
  { key: 'scienceTech', kind: 'department', name: 'Sở Khoa học và Công nghệ tỉnh Quảng Ninh', shortName: 'Sở KH&CN' },
  { key: 'mediaCentre', kind: 'media_centre', name: 'Trung tâm Truyền thông tỉnh Quảng Ninh', shortName: 'TTTT tỉnh' },
  { key: 'homeAffairs', kind: 'home_affairs', name: 'Sở Nội vụ tỉnh Quảng Ninh', shortName: 'Sở Nội vụ' },
  { key: 'province', kind: 'other', name: 'Ủy ban nhân dân tỉnh Quảng Ninh', shortName: 'UBND tỉnh Quảng Ninh' },
  { key: 'baoHaLong', kind: 'press', name: 'Báo Hạ Long điện tử', shortName: 'Báo Hạ Long' },
  { key: 'tapChi', kind: 'press', name: 'Tạp chí Thông tin và Truyền thông Quảng Ninh', shortName: 'Tạp chí TT&TT' },
  { key: 'camPha', kind: 'local_media', name: 'Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả', shortName: 'TTTT&VH Cẩm Phả' },
  { key: 'uongBi', kind: 'local_media', name: 'Trung tâm Truyền thông và Văn hóa thành phố Uông Bí', shortName: 'TTTT&VH Uông Bí' },
  { key: 'nhanDan', kind: 'central_press', name: 'Văn phòng đại diện Báo Nhân Dân tại Quảng Ninh', shortName: 'Báo Nhân Dân' },
  { key: 'vov', kind: 'central_press', name: 'Cơ quan thường trú Đài Tiếng nói Việt Nam khu vực Đông Bắc', shortName: 'VOV Đông Bắc' },
  { key: 'ttxvn', kind: 'central_press', name: 'Cơ quan thường trú Thông tấn xã Việt Nam tại Quảng Ninh', shortName: 'TTXVN Quảng Ninh' },
];

const demoAccounts: { email: string; name: string; role: Role; organisation: string; position: string }[] = [
  { email: 'admin@demo.vn', name: 'Nguyễn Quản Trị', role: 'admin', organisation: 'culture', position: 'Chuyên viên công nghệ thông tin' },
  { email: 'journalist@demo.vn', name: 'Trần Thị Thu Hà', role: 'journalist', organisation: 'baoHaLong', position: 'Phóng viên' },
  { email: 'journalist2@demo.vn', name: 'Phạm Đức Long', role: 'journalist', organisation: 'camPha', position: 'Biên tập viên' },
  { email: 'outlet@demo.vn', name: 'Lê Văn Đông', role: 'outlet_admin', organisation: 'baoHaLong', position: 'Phó Tổng Biên tập' },
  { email: 'scorer1@demo.vn', name: 'Hoàng Minh Tuấn', role: 'scorer', organisation: 'culture', position: 'Trưởng phòng Báo chí – Xuất bản' },
  { email: 'scorer2@demo.vn', name: 'Vũ Thị Lan', role: 'scorer', organisation: 'mediaCentre', position: 'Trưởng ban Biên tập' },
  { email: 'scorer3@demo.vn', name: 'Đỗ Quang Huy', role: 'scorer', organisation: 'culture', position: 'Chuyên viên' },
  { email: 'coordinator@demo.vn', name: 'Bùi Thanh Hương', role: 'coordinator', organisation: 'culture', position: 'Phó Giám đốc Sở' },
  { email: 'appraiser@demo.vn', name: 'Ngô Văn Thành', role: 'appraiser', organisation: 'homeAffairs', position: 'Trưởng ban Thi đua – Khen thưởng' },
];

/** Vietnam is UTC+7 all year; deadlines are the end of the local day. */
const local = (isoDate: string, time = '23:59:59') => new Date(`${isoDate}T${time}+07:00`);

const movementTitle = (year: number) => `Phong trào thi đua “Đẩy mạnh cải cách hành chính” năm ${year} – khối báo chí`;

/**
 * Seeds the demo province on an empty database only, in one transaction: run it twice and the
 * second run changes nothing. `withEntries: false` is the tests' starting point: the accounts,
 * the organisations and one 2024 campaign whose windows stay open, for tests to fill as they need.
 * The full demo holds the 2024 movement (closed and awarded under Decree 98/2023), the 2025 one
 * (awarded under Decree 152/2025, presided by the Department of Culture, Sports and Tourism) and
 * the current 2026 one, open.
 */
export async function seedDemo(db: Database, { withEntries = true } = {}): Promise<'seeded' | 'skipped'> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return 'skipped';
  // One hash for every account: argon2id is slow on purpose, and the accounts share a password.
  const hash = await hashPassword(demoPassword);
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(organisations)
      .values(demoOrganisations.map(({ kind, name, shortName }) => ({ kind, name, shortName })))
      .returning({ id: organisations.id });
    const org = new Map(demoOrganisations.map((o, i) => [o.key, inserted[i].id]));
    const id = (key: string) => org.get(key)!;
    // 01/03/2025: the Department of Information and Communications merged into Science and Technology.
    await tx.update(organisations).set({ active: false, mergedIntoId: id('scienceTech') }).where(eq(organisations.id, id('infoComms')));
    await tx.insert(users).values(
      demoAccounts.map((a) => ({ email: a.email, name: a.name, position: a.position, role: a.role, organisationId: id(a.organisation), passwordHash: hash })),
    );

    const bodies = (presiding: string, symbol: string) => ({
      presidingOrganisationId: id(presiding),
      proposalSymbol: symbol,
      appraisingOrganisationId: id('homeAffairs'),
      awardingOrganisationId: id('province'),
    });
    const campaign2024 = {
      year: 2024,
      title: movementTitle(2024),
      // Plan 40/KH-UBND of 19/02/2024 opened the movement; plan 40 III.3.2: the Department of
      // Information and Communications presided, with the Media Centre.
      submissionOpensAt: local('2024-02-19', '00:00:00'),
      ...bodies('infoComms', 'TTr-STTTT'),
    };
    // The demo's accounts sign in with the password alone (DESIGN.md): this mark makes
    // MFA_REQUIRED_ROLES default to none on this database (src/auth/second-factor.ts).
    await tx.insert(databaseFacts).values(demoFact);
    if (!withEntries) {
      // The tests' campaign: windows open, so every step can be tried; the demo scorers (now at
      // the department of culture) may score it.
      const [c] = await tx
        .insert(campaigns)
        .values({ ...campaign2024, submissionClosesAt: local('2027-06-30'), scoringClosesAt: local('2027-09-30'), nominationsDueAt: local('2027-10-31') })
        .returning({ id: campaigns.id });
      await tx.insert(campaignScoringPartners).values([id('mediaCentre'), id('culture')].map((organisationId) => ({ campaignId: c.id, organisationId })));
      await createDefaultRubric(tx, c.id);
      return 'seeded' as const;
    }

    const { maxAuthors, maxSeriesEpisodes, lengthLimits, priorAwardsDeclared } = newCampaignDefaults;
    const pressRules = { maxAuthors, maxSeriesEpisodes, lengthLimits: { ...lengthLimits }, priorAwardsDeclared };
    const [c2024, c2025, c2026] = await tx
      .insert(campaigns)
      .values([
        { ...campaign2024, submissionClosesAt: local('2024-10-31'), scoringClosesAt: local('2024-11-20'), nominationsDueAt: local('2024-12-15') },
        {
          year: 2025,
          title: movementTitle(2025),
          submissionOpensAt: local('2025-03-01', '00:00:00'),
          submissionClosesAt: local('2025-10-31'),
          scoringClosesAt: local('2025-11-20'),
          nominationsDueAt: local('2025-12-15'),
          ...bodies('culture', 'TTr-SVHTTDL'),
        },
        {
          year: 2026,
          title: movementTitle(2026),
          // The National Press Award's entry rules (src/domain/entries/rules.ts); evidence per press
          // type is not required: the demo's entries carry no files.
          ...pressRules,
          submissionOpensAt: local('2026-02-20', '00:00:00'),
          submissionClosesAt: local('2026-12-31'),
          scoringClosesAt: local('2027-01-31'),
          nominationsDueAt: local('2027-03-31'),
          ...bodies('culture', 'TTr-SVHTTDL'),
          // The current year asks for the signed scans before a batch leaves (issue 13); the
          // batches of 2024 and 2025 went without them, as those campaigns did not.
          requiresSignedScans: true,
        },
      ])
      .returning({ id: campaigns.id });
    await tx.insert(campaignScoringPartners).values([c2024, c2025, c2026].map((c) => ({ campaignId: c.id, organisationId: id('mediaCentre') })));
    for (const c of [c2024, c2025, c2026]) await createDefaultRubric(tx, c.id);

    // District level ended on 01/07/2025: the city centres serve wards now; old records keep the old names.
    await tx.insert(organisationNames).values([
      { organisationId: id('camPha'), name: 'Trung tâm Truyền thông và Văn hóa thành phố Cẩm Phả', shortName: 'TTTT&VH Cẩm Phả', usedUntil: '2025-06-30' },
      { organisationId: id('uongBi'), name: 'Trung tâm Truyền thông và Văn hóa thành phố Uông Bí', shortName: 'TTTT&VH Uông Bí', usedUntil: '2025-06-30' },
    ]);
    await tx.update(organisations).set({ name: 'Trung tâm Truyền thông và Văn hóa phường Cẩm Phả', shortName: 'TTTT&VH phường Cẩm Phả' }).where(eq(organisations.id, id('camPha')));
    await tx.update(organisations).set({ name: 'Trung tâm Truyền thông và Văn hóa phường Uông Bí', shortName: 'TTTT&VH phường Uông Bí' }).where(eq(organisations.id, id('uongBi')));

    // The newsrooms' other reporters and the panel's other members, invented.
    const rand = sequence(40);
    const staff: { key: string; n: number; role: Role; position: string }[] = [
      { key: 'mediaCentre', n: 14, role: 'journalist', position: 'Phóng viên' },
      { key: 'baoHaLong', n: 3, role: 'journalist', position: 'Phóng viên' },
      { key: 'tapChi', n: 2, role: 'journalist', position: 'Biên tập viên' },
      { key: 'camPha', n: 3, role: 'journalist', position: 'Phóng viên' },
      { key: 'uongBi', n: 3, role: 'journalist', position: 'Phóng viên' },
      { key: 'nhanDan', n: 2, role: 'journalist', position: 'Phóng viên thường trú' },
      { key: 'vov', n: 2, role: 'journalist', position: 'Phóng viên thường trú' },
      { key: 'ttxvn', n: 2, role: 'journalist', position: 'Phóng viên thường trú' },
      { key: 'mediaCentre', n: 2, role: 'scorer', position: 'Biên tập viên cao cấp' },
      { key: 'culture', n: 2, role: 'scorer', position: 'Chuyên viên Phòng Báo chí – Xuất bản' },
    ];
    let k = 0;
    const extra = staff.flatMap((s) =>
      Array.from({ length: s.n }, () => {
        k += 1;
        return { email: `demo${String(k).padStart(3, '0')}@demo.vn`, name: personName(rand), position: s.position, role: s.role, organisationId: id(s.key), passwordHash: hash };
      }),
    );
    const people = await tx.insert(users).values(extra).returning({ id: users.id, role: users.role, organisationId: users.organisationId, email: users.email });
    const accounts = await tx.select({ id: users.id, email: users.email, role: users.role, organisationId: users.organisationId }).from(users);
    const byEmail = new Map(accounts.map((a) => [a.email, a]));
    const writersOf = (key: string, withDemo: string[] = []) => [
      ...withDemo.map((e) => byEmail.get(e)!.id),
      ...people.filter((p) => p.role === 'journalist' && p.organisationId === id(key)).map((p) => p.id),
    ];
    const outlets: DemoOutlet[] = [
      { id: id('mediaCentre'), kind: 'media_centre', writers: writersOf('mediaCentre'), weight: 9 },
      { id: id('baoHaLong'), kind: 'press', writers: writersOf('baoHaLong', ['outlet@demo.vn']), weight: 2 },
      { id: id('tapChi'), kind: 'press', writers: writersOf('tapChi'), weight: 1 },
      { id: id('camPha'), kind: 'local_media', writers: writersOf('camPha'), weight: 2 },
      { id: id('uongBi'), kind: 'local_media', writers: writersOf('uongBi'), weight: 2 },
      { id: id('nhanDan'), kind: 'central_press', writers: writersOf('nhanDan'), weight: 1 },
      { id: id('vov'), kind: 'central_press', writers: writersOf('vov'), weight: 1 },
      { id: id('ttxvn'), kind: 'central_press', writers: writersOf('ttxvn'), weight: 1 },
    ];
    const panel = [...accounts, ...people]
      .filter((a, i, all) => a.role === 'scorer' && all.findIndex((b) => b.id === a.id) === i)
      .map((a) => ({ id: a.id, organisationId: a.organisationId }));
    const coordinatorId = byEmail.get('coordinator@demo.vn')!.id;
    const council = (year: number, chair: string) => [
      `${chair} – Chủ tịch Hội đồng`,
      'Bùi Thanh Hương – Phó Chủ tịch Hội đồng',
      'Hoàng Minh Tuấn – Ủy viên',
      'Vũ Thị Lan – Ủy viên, Trung tâm Truyền thông tỉnh',
      `Đỗ Quang Huy – Thư ký (${year})`,
    ];

    const y2024 = await seedDemoYear(tx as unknown as Database, {
      campaignId: c2024.id,
      year: 2024,
      statuses: { draft: 7, submitted: 3, returned: 4, withdrawn: 8, scored: 150, shortlisted: 14 },
      outlets,
      panel,
      coordinatorId,
      awards: {
        title: 'Đợt trình tháng 12/2024',
        proposalNumber: '215/TTr-STTTT',
        proposalDate: '2024-12-02',
        meetingDate: '2024-11-28',
        meetingPlace: 'Phòng họp Sở Thông tin và Truyền thông',
        members: council(2024, 'Giám đốc Sở Thông tin và Truyền thông'),
        chair: 'Giám đốc Sở Thông tin và Truyền thông, Chủ tịch Hội đồng',
        secretary: 'Đỗ Quang Huy',
        sentAt: local('2024-12-03', '09:30:00'),
        decisionNumber: '3125/QĐ-UBND',
        decisionDate: '2024-12-20',
        collectives: [id('mediaCentre'), id('camPha')],
        individuals: 6,
        rejected: 1,
      },
    });
    const y2025 = await seedDemoYear(tx as unknown as Database, {
      campaignId: c2025.id,
      year: 2025,
      statuses: { draft: 9, submitted: 4, returned: 3, withdrawn: 10, scored: 180, shortlisted: 16 },
      outlets,
      panel,
      coordinatorId,
      awards: {
        title: 'Đợt trình tháng 12/2025',
        proposalNumber: '188/TTr-SVHTTDL',
        proposalDate: '2025-12-03',
        meetingDate: '2025-12-01',
        meetingPlace: 'Phòng họp Sở Văn hóa, Thể thao và Du lịch',
        members: council(2025, 'Giám đốc Sở Văn hóa, Thể thao và Du lịch'),
        chair: 'Giám đốc Sở Văn hóa, Thể thao và Du lịch, Chủ tịch Hội đồng',
        secretary: 'Đỗ Quang Huy',
        sentAt: local('2025-12-04', '10:00:00'),
        decisionNumber: '2987/QĐ-UBND',
        decisionDate: '2025-12-22',
        collectives: [id('mediaCentre'), id('vov')],
        individuals: 7,
        rejected: 1,
      },
    });
    const coordinator = byEmail.get('coordinator@demo.vn')!;
    const curator = { ...coordinator, name: 'Bùi Thanh Hương', organisationName: demoOrganisations[0].name };
    await seedDemoAwards(tx as unknown as Database, curator, [
      { year: 2024, entryIds: y2024.awardedEntryIds },
      { year: 2025, entryIds: y2025.awardedEntryIds },
    ]);

    // The current movement: the demo accounts' own entries through the domain (real timelines and
    // notices), then the other outlets' year so far.
    await seedDemoEntries(tx as unknown as Database, c2026.id, 2026);
    await seedDemoYear(tx as unknown as Database, {
      campaignId: c2026.id,
      year: 2026,
      statuses: { draft: 18, submitted: 22, returned: 6, withdrawn: 7, confirmed: 40, in_review: 75, scored: 20 },
      outlets,
      panel,
      coordinatorId,
      inReviewScoredShare: 0.5,
    });
    await seedDemoPosting(tx as unknown as Database, { campaignId: c2026.id, coordinatorId, windowDays: 10 });
    // The demo's history is made through the domain, which e-mails as it goes; that history is
    // not news, and the demo addresses are nobody's: its messages are not kept.
    await tx.delete(mailOutbox);
    return 'seeded' as const;
  });
}
