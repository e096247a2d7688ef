import type { Dossier } from '../data';
import type { Block } from '../model';
import { dayLabel } from '../../posting';
import { vietnamDay } from '@/domain/campaigns/campaigns';
import { body, cell, numberedTable } from './administrative';

/**
 * The minutes' block on the public posting (công khai, nominations/posting.ts): when the list was
 * posted, the comments received and how each was handled. Self-contained, so the minutes of either
 * regime take it as one block; nothing for a batch never posted. The senders' contacts stay out
 * of the dossier (they were given to the department only).
 */
export function postingBlocks(dossier: Dossier): Block[] {
  const { posting } = dossier;
  if (!posting) return [];
  const from = dayLabel(vietnamDay(posting.postedAt));
  const blocks: Block[] = [
    body(
      `Danh sách tập thể, cá nhân đề nghị khen thưởng đã được công khai để lấy ý kiến nhân dân từ ngày ${from} đến hết ngày ${dayLabel(posting.postingEndsOn)}. ` +
        (posting.comments.length === 0
          ? 'Trong thời gian công khai không nhận được ý kiến nào.'
          : `Trong thời gian công khai nhận được ${posting.comments.length} ý kiến; Hội đồng đã xem xét các ý kiến và kết quả xử lý như sau:`),
    ),
  ];
  if (posting.comments.length) {
    blocks.push(
      numberedTable(
        10,
        [
          { header: 'Người gửi, ý kiến về', width: 25 },
          { header: 'Nội dung ý kiến', width: 35 },
          { header: 'Kết quả xử lý', width: 30 },
        ],
        posting.comments,
        (c) => [
          [[{ text: c.authorName, bold: true }], [{ text: c.nominee ?? 'Cả danh sách', italic: true }]],
          c.body.split(/\r?\n/).filter((line) => line.trim()).map((line) => [{ text: line }]),
          cell(c.handling ?? 'Chưa xử lý'),
        ],
      ),
    );
  }
  return blocks;
}
