import { and, asc, count, eq } from 'drizzle-orm';
import type { Database, Queryable } from '@db/client';
import { assignments, entries, rubricCriteria } from '@db/schema';
import type { SessionUser } from '@/auth/session';
import { requireCampaign } from '@/domain/campaigns/current';
import { recordAudit } from '@/domain/audit/record';
import { DomainError, type Problem } from '@/domain/errors';
import { requireRoleFor } from '@/domain/permissions';

export interface CriterionInput {
  name: string;
  guidance: string;
  maxPoints: number;
}

export const rubricTotal = 100;

/** DESIGN.md's default rubric; every new campaign starts with it, and it stays editable. */
export const defaultRubric: CriterionInput[] = [
  {
    name: 'Nội dung về cải cách hành chính, chính xác, đúng pháp luật',
    guidance: 'Bám sát nội dung CCHC của tỉnh; thông tin chính xác, khách quan, đúng quy định pháp luật.',
    maxPoints: 30,
  },
  {
    name: 'Tác động và hiệu quả',
    guidance: 'Hiệu quả thực tế: thay đổi được ghi nhận, vấn đề được khắc phục, dư luận đồng tình.',
    maxPoints: 25,
  },
  { name: 'Tính sáng tạo, mới mẻ', guidance: 'Cách tiếp cận, đề tài hoặc cách làm mới, không trùng lặp.', maxPoints: 20 },
  {
    name: 'Chất lượng nghiệp vụ và hình thức thể hiện',
    guidance: 'Kết cấu, ngôn ngữ, hình ảnh, âm thanh; đúng đặc trưng loại hình báo chí.',
    maxPoints: 15,
  },
  { name: 'Tính kịp thời và mức độ lan tỏa', guidance: 'Xuất bản đúng thời điểm; lượt tiếp cận, chia sẻ, phản hồi.', maxPoints: 10 },
];

export function rubricFor(db: Queryable, campaignId: number) {
  return db.select().from(rubricCriteria).where(eq(rubricCriteria.campaignId, campaignId)).orderBy(asc(rubricCriteria.position));
}

/** Called inside the transaction that creates the campaign. */
export async function createDefaultRubric(db: Queryable, campaignId: number) {
  await db.insert(rubricCriteria).values(defaultRubric.map((c, position) => ({ ...c, campaignId, position })));
}

/** Once a score has been submitted the rubric is frozen: changing it would change what was scored. */
export async function isRubricFrozen(db: Queryable, campaignId: number): Promise<boolean> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(assignments)
    .innerJoin(entries, eq(entries.id, assignments.entryId))
    .where(and(eq(entries.campaignId, campaignId), eq(assignments.scoreStatus, 'submitted')));
  return n > 0;
}

export function rubricProblems(criteria: CriterionInput[]): Problem[] {
  const problems: Problem[] = [];
  if (criteria.length === 0) problems.push({ key: 'scoring.errors.rubricEmpty' });
  criteria.forEach((c, i) => {
    if (!c.name.trim()) problems.push({ key: 'errors.required', field: `criteria.${i}.name` });
    if (!Number.isInteger(c.maxPoints) || c.maxPoints < 1 || c.maxPoints > rubricTotal) {
      problems.push({ key: 'scoring.errors.maxPoints', field: `criteria.${i}.maxPoints` });
    }
  });
  const sum = criteria.reduce((s, c) => s + (Number.isInteger(c.maxPoints) ? c.maxPoints : 0), 0);
  if (sum !== rubricTotal) problems.push({ key: 'scoring.errors.rubricSum', params: { sum, total: rubricTotal } });
  return problems;
}

/** Replaces the whole rubric; refused once scoring has begun. */
export async function updateRubric(db: Database, actor: SessionUser, campaignId: number, criteria: CriterionInput[], ip?: string) {
  requireRoleFor(actor, 'scoring.updateRubric');
  const problems = rubricProblems(criteria);
  if (problems.length) throw DomainError.of(problems);
  await db.transaction(async (tx) => {
    await requireCampaign(tx, campaignId);
    if (await isRubricFrozen(tx, campaignId)) throw new DomainError('scoring.errors.rubricFrozen', undefined, 'CONFLICT');
    await tx.delete(rubricCriteria).where(eq(rubricCriteria.campaignId, campaignId));
    await tx.insert(rubricCriteria).values(
      criteria.map((c, position) => ({ campaignId, position, name: c.name.trim(), guidance: c.guidance.trim(), maxPoints: c.maxPoints })),
    );
    await recordAudit(tx, { action: 'rubric_updated', actorId: actor.id, ip, subjectType: 'campaign', subjectId: campaignId, details: { criteria } });
  });
}
