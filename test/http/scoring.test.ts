import { describe, expect, it } from 'vitest';
import { campaigns } from '../../db/schema';
import { setPanel } from '../../src/domain/scoring/panel';
import { actorFor } from '../support/accounts';
import { createEntry } from '../support/entries';
import { signedIn, textOf, type Visitor } from '../support/http';
import { useServer } from '../support/server';

const server = useServer({}, {
    prepare: async (db) => {
      const coordinator = await actorFor(db, 'coordinator@demo.vn');
      const scorers = await Promise.all(['scorer1@demo.vn', 'scorer2@demo.vn', 'scorer3@demo.vn'].map((e) => actorFor(db, e)));
      const [campaign] = await db.select().from(campaigns);
      await setPanel(db, coordinator, campaign.id, scorers.map((s) => s.id));
      entryId = (await createEntry(db, 'journalist@demo.vn', { status: 'confirmed', title: 'Phóng sự chấm qua HTTP' })).id;
    },
  });
let entryId = 0;

/** The scorer's own assignment ids, read from their queue page. */
async function queueIds(scorer: Visitor): Promise<number[]> {
  const html = await (await scorer.get('/app/scoring')).text();
  return [...html.matchAll(/href="\/app\/scoring\/(\d+)"/g)].map((m) => Number(m[1]));
}

describe('scoring over HTTP', () => {
  it('assigns, scores, refuses what it must, and ranks', async () => {
    const coordinator = await signedIn(server.origin, 'coordinator@demo.vn');
    const assigned = await coordinator.post('/app/scoring?_action=scoring.assign', { campaignId: '1' });
    expect(assigned.status).toBe(200);
    expect(await textOf(assigned)).toContain('Đã phân công 3 lượt chấm.');

    const s1 = await signedIn(server.origin, 'scorer1@demo.vn');
    const s2 = await signedIn(server.origin, 'scorer2@demo.vn');
    const [a1] = await queueIds(s1);
    const [a2] = await queueIds(s2);
    expect(a1).toBeGreaterThan(0);

    // scorers never see each other's assignments
    expect((await s1.get(`/app/scoring/${a2}`)).status).toBe(404);
    const page = await (await s1.get(`/app/scoring/${a1}`)).text();
    const criteria = [...page.matchAll(/name="points\.(\d+)"[^>]*max="(\d+)"|max="(\d+)"[^>]*name="points\.(\d+)"/g)].map((m) => ({ id: m[1] ?? m[4], max: Number(m[2] ?? m[3]) }));
    expect(criteria.map((c) => c.max)).toEqual([30, 25, 20, 15, 10]);
    expect(page).toContain('Phóng sự chấm qua HTTP');

    const fields = (points: number[]) => Object.fromEntries(criteria.map((c, i) => [`points.${c.id}`, String(points[i])]));
    const above = await s1.post(`/app/scoring/${a1}?_action=scoring.save`, { assignmentId: String(a1), intent: 'submit', comment: '', ...fields([31, 25, 20, 15, 10]) });
    expect(above.status).toBe(400);
    expect(await textOf(above)).toContain('phải là số nguyên từ 0 đến 30');

    // another scorer's assignment id in the form is refused as unknown
    const foreign = await s1.post(`/app/scoring/${a1}?_action=scoring.save`, { assignmentId: String(a2), intent: 'draft', comment: '', ...fields([1, 1, 1, 1, 1]) });
    expect(foreign.status).toBe(404);

    // Submitting asks once more (the score is then locked); the panel carries the points to send.
    const asked = await s1.post(`/app/scoring/${a1}?_action=scoring.save`, { assignmentId: String(a1), intent: 'submit', comment: 'Tốt', ...fields([28, 22, 18, 14, 9]) });
    expect(asked.status).toBe(200);
    const panel = await asked.text();
    expect(panel).toContain('Xác nhận trước khi thực hiện');
    expect(panel).toContain(`name="points.${criteria[0].id}" value="28"`);
    expect(panel).toContain('name="confirmed" value="1"');
    expect(await textOf(await coordinator.get('/app/scoring/results'))).not.toMatch(/Phóng sự chấm qua HTTP .*? Đang chấm 1 91 /);
    const submitted = await s1.post(`/app/scoring/${a1}?_action=scoring.save`, { assignmentId: String(a1), intent: 'submit', comment: 'Tốt', confirmed: '1', ...fields([28, 22, 18, 14, 9]) });
    expect(submitted.status).toBe(302);
    const again = await s1.post(`/app/scoring/${a1}?_action=scoring.save`, { assignmentId: String(a1), intent: 'submit', comment: 'Sửa', ...fields([1, 1, 1, 1, 1]) });
    expect(again.status).toBe(409);
    expect(await textOf(again)).toContain('Điểm đã gửi và được khóa.');

    const results = await textOf(await coordinator.get('/app/scoring/results'));
    expect(results).toContain('Phóng sự chấm qua HTTP');
    // one submitted score of 28+22+18+14+9 = 91: rank 1, being scored, one score, mean 91
    expect(results).toMatch(/1 Phóng sự chấm qua HTTP .*? Đang chấm 1 91 /);
  });

  it('keeps everyone else out of scoring', async () => {
    const journalist = await signedIn(server.origin, 'journalist@demo.vn');
    for (const path of ['/app/scoring', '/app/scoring/results', '/app/scoring/rubric', '/app/scoring/assignments', '/app/scoring/1']) {
      expect((await journalist.get(path)).status, path).toBe(403);
    }
    const scorer = await signedIn(server.origin, 'scorer3@demo.vn');
    for (const path of ['/app/scoring/results', '/app/scoring/rubric', '/app/scoring/assignments', '/app/scoring/export.xlsx']) {
      expect((await scorer.get(path)).status, path).toBe(403);
    }
    expect((await scorer.post('/app/scoring?_action=scoring.assign', { campaignId: '1' })).status).toBe(403);
    expect((await journalist.post('/app/entries?_action=scoring.shortlist', { campaignId: '1', entryIds: String(entryId) })).status).toBe(403);
  });

  it('lets scorers read the evidence of their entries only through the evidence route', async () => {
    const scorer = await signedIn(server.origin, 'scorer2@demo.vn');
    expect((await scorer.get(`/app/entries/${entryId}`)).status).toBe(403);
    expect((await scorer.get(`/app/entries/${entryId}/evidence/999999`)).status).toBe(404);
  });
});
