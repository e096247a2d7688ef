-- Audit actions are named <subject>_<what happened> in the past tense (src/domain/audit/record.ts);
-- rows written under the older names read the same as new ones.
UPDATE "audit_log" SET "action" = 'entry_submitted_collective' WHERE "action" = 'entry_submitCollective';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_submitted' WHERE "action" = 'entry_submit';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_confirmed' WHERE "action" = 'entry_confirm';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_returned' WHERE "action" = 'entry_return';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_withdrawn' WHERE "action" = 'entry_withdraw';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_assigned' WHERE "action" = 'entry_assign';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_scored' WHERE "action" = 'entry_complete';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_reopened' WHERE "action" = 'entry_reopen';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_shortlisted' WHERE "action" = 'entry_shortlist';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'entry_unshortlisted' WHERE "action" = 'entry_unshortlist';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'nomination_sent' WHERE "action" = 'nomination_send';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'nomination_appraisal_started' WHERE "action" = 'nomination_startAppraisal';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'nomination_returned' WHERE "action" = 'nomination_return';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'nomination_approved' WHERE "action" = 'nomination_approve';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'nomination_rejected' WHERE "action" = 'nomination_reject';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'nomination_decided_in_house' WHERE "action" = 'nomination_decideInHouse';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'assignments_made' WHERE "action" = 'assignment_run';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'logged_in' WHERE "action" = 'login';--> statement-breakpoint
UPDATE "audit_log" SET "action" = 'logged_out' WHERE "action" = 'logout';
