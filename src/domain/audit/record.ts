import type { Queryable } from '@db/client';
import { auditLog } from '@db/schema';

/**
 * Every action the audit log knows, each named `<subject>_<what happened>` in the past tense (a
 * row records what was done). The status changes' names come from the flows' tables
 * (entries/status.ts, nominations/status.ts), so a new step is named where it is declared.
 * Migration 0015 renamed the rows written under the older, mixed names.
 */
export type AuditAction =
  | 'logged_in'
  | 'logged_out'
  | 'login_failed'
  | 'login_blocked'
  | 'login_refused_deactivated'
  | 'password_accepted'
  | 'second_factor_failed'
  | 'second_factor_blocked'
  | 'second_factor_enabled'
  | 'second_factor_removed'
  | 'access_refused'
  | 'password_changed'
  | 'password_reset_issued'
  | 'password_reset_requested'
  | 'mail_settings_changed'
  | 'account_created'
  | 'role_changed'
  | 'account_reactivated'
  | 'account_deactivated'
  | 'organisation_created'
  | 'organisation_updated'
  | 'campaign_created'
  | 'campaign_updated'
  | 'entry_created'
  | 'evidence_added'
  | 'evidence_removed'
  | 'panel_updated'
  | 'rubric_updated'
  | 'assignments_made'
  | 'assignment_moved'
  | 'score_submitted'
  | 'score_reopened'
  | 'conflict_declared'
  | 'nomination_created'
  | 'nomination_updated'
  | 'batch_created'
  | 'batch_deleted'
  | 'batch_filled'
  | 'batch_details_updated'
  | 'batch_posted'
  | 'nominee_comment_received'
  | 'nominee_comment_handled'
  | 'dossier_scan_attached'
  | 'dossier_scan_removed'
  | 'gallery_updated'
  | 'gallery_published'
  | 'gallery_unpublished'
  | EntryStepAction
  | NominationStepAction
  | BatchStepAction;

export type EntryStepAction =
  | 'entry_submitted'
  | 'entry_submitted_collective'
  | 'entry_confirmed'
  | 'entry_returned'
  | 'entry_withdrawn'
  | 'entry_assigned'
  | 'entry_scored'
  | 'entry_reopened'
  | 'entry_shortlisted'
  | 'entry_unshortlisted'
  | 'entry_awarded'
  | 'entry_not_awarded';

export type NominationStepAction =
  | 'nomination_sent'
  | 'nomination_appraisal_started'
  | 'nomination_returned'
  | 'nomination_approved'
  | 'nomination_rejected'
  | 'nomination_decided_in_house';

export type BatchStepAction = 'batch_sent';

export interface AuditEvent {
  action: AuditAction;
  actorId?: number | null;
  ip?: string | null;
  subjectType?: string;
  subjectId?: string | number;
  fromStatus?: string;
  toStatus?: string;
  reason?: string;
  details?: Record<string, unknown>;
  at?: Date;
}

/** Pass the transaction that makes the change, so the change and its audit row land together. */
export async function recordAudit(db: Queryable, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    ...event,
    subjectId: event.subjectId === undefined ? undefined : String(event.subjectId),
    at: event.at ?? new Date(),
  });
}
