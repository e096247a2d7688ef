import { and, eq, like } from 'drizzle-orm';
import type { Database } from '../client';
import { entries, nominationBatches, nominationEntries, nominations, nomineeComments } from '../schema';
import { vietnamDay } from '../../src/domain/campaigns/campaigns';
import { addWorkingDays } from '../../src/domain/nominations/posting';

const dayMs = 86_400_000;

/**
 * The current movement's posting (công khai): a draft batch with the shortlisted collective
 * nominated, posted four days before the seed runs (so its window is open in the demo), and three
 * citizens' comments, one of them handled.
 */
export async function seedDemoPosting(db: Database, { campaignId, coordinatorId, windowDays }: { campaignId: number; coordinatorId: number; windowDays: number }) {
  const [entry] = await db
    .select({ id: entries.id, organisationId: entries.organisationId })
    .from(entries)
    .where(and(eq(entries.campaignId, campaignId), eq(entries.status, 'shortlisted'), like(entries.title, 'Tọa đàm%')));
  if (!entry) return;
  const postedAt = new Date(Date.now() - 4 * dayMs);
  const [batch] = await db
    .insert(nominationBatches)
    .values({ campaignId, title: 'Đợt trình năm 2026', createdById: coordinatorId, postedAt, postingEndsOn: addWorkingDays(vietnamDay(postedAt), windowDays), postedById: coordinatorId })
    .returning({ id: nominationBatches.id });
  const [nomination] = await db
    .insert(nominations)
    .values({
      campaignId,
      batchId: batch.id,
      nomineeType: 'collective',
      nomineeOrganisationId: entry.organisationId,
      awardForm: 'provincial_certificate',
      achievementSummary: 'Cơ quan có tọa đàm “Chính quyền số gần dân” được Hội đồng chấm điểm cao nhất đợt thi đua năm 2026.',
      collectiveCriteria: { completedParTasks: true, metEmulationContent: true, parIndexRating: 'good', evidence: 'Báo cáo kết quả CCHC năm 2026.' },
      eligibilityDeclared: true,
      createdById: coordinatorId,
    })
    .returning({ id: nominations.id });
  await db.insert(nominationEntries).values({ nominationId: nomination.id, entryId: entry.id, campaignId });
  const at = (days: number) => new Date(postedAt.getTime() + days * dayMs);
  await db.insert(nomineeComments).values([
    {
      batchId: batch.id,
      nominationId: nomination.id,
      authorName: 'Trần Thị Mai',
      contact: 'mai.tran@example.vn',
      body: 'Tọa đàm rất thiết thực, giúp người dân hiểu cách nộp hồ sơ trực tuyến. Tôi đồng tình với đề nghị khen thưởng.',
      createdAt: at(1),
      handling: 'Ý kiến đồng tình; đã báo cáo Hội đồng.',
      handledById: coordinatorId,
      handledAt: at(2),
    },
    {
      batchId: batch.id,
      nominationId: nomination.id,
      authorName: 'Lê Văn Hùng',
      contact: '0912 345 678',
      body: 'Đề nghị làm rõ tọa đàm đã phát sóng mấy lần và trên kênh nào.',
      createdAt: at(2),
    },
    { batchId: batch.id, authorName: 'Phạm Minh Đức', contact: 'duc.pm@example.vn', body: 'Đề nghị công bố thêm điểm số của từng tác phẩm trong danh sách.', createdAt: at(3) },
  ]);
}
