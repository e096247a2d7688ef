import { defineAction } from './boundary';
import { z } from 'astro/zod';
import { organisationKinds, roles } from '@db/schema';
import { requireAction } from '@/auth/guards';
import { changeRole, createAccount, issuePasswordReset, newAccountProblems, setAccountActive } from '@/domain/accounts/accounts';
import { createOrganisation, updateOrganisation } from '@/domain/organisations/organisations';
import { appDatabase } from '@/database';
import { checkForm, formInput } from './form-input';
import { checkbox, email, formKey, id, idOr, requiredText, text } from '@/domain/fields';

const organisationFields = {
  kind: z.enum(organisationKinds, { error: 'errors.required' }),
  name: requiredText(300),
  shortName: requiredText(100),
};

/** The new-account form (src/pages/app/admin/accounts.astro). */
export const accountForm = z.object({
  email,
  name: requiredText(200),
  position: text(200).transform((v) => v.trim() || undefined),
  role: z.enum(roles, { error: 'errors.required' }),
  organisationId: idOr('admin.orgRequired'),
  password: z.string({ error: 'errors.required' }),
  formKey,
});

export const admin = {
  createOrganisation: defineAction({
    accept: 'form',
    input: z.object({ ...organisationFields, formKey }),
    handler: async ({ formKey, ...input }, context) => {
      const actor = requireAction(context, 'admin.createOrganisation');
      const { db } = await appDatabase();
      return createOrganisation(db, actor, input, context.locals.ip, formKey);
    },
  }),

  updateOrganisation: defineAction({
    accept: 'form',
    input: z.object({ id, ...organisationFields, active: checkbox }),
    handler: async ({ id, ...input }, context) => {
      const actor = requireAction(context, 'admin.updateOrganisation');
      const { db } = await appDatabase();
      await updateOrganisation(db, actor, id, input, context.locals.ip);
      return { ok: true };
    },
  }),

  createAccount: defineAction({
    accept: 'form',
    input: formInput(accountForm),
    handler: async (form, context) => {
      const actor = requireAction(context, 'admin.createAccount');
      const { db } = await appDatabase();
      const { formKey, ...input } = await checkForm(accountForm, form, async (fields, whole) => {
        const problems = await newAccountProblems(db, actor.role === 'outlet_admin' ? { ...fields, organisationId: actor.organisationId } : fields);
        // An address taken alone is the conflict (409) createAccount answers; with others, one of them.
        return whole && problems.every((p) => p.key === 'admin.emailTaken') ? [] : problems;
      });
      // An outlet admin adds journalists to its own outlet, whatever the form says.
      const account =
        actor.role === 'outlet_admin' ? { ...input, role: 'journalist' as const, organisationId: actor.organisationId } : input;
      return createAccount(db, actor, account, context.locals.ip, formKey);
    },
  }),

  changeRole: defineAction({
    accept: 'form',
    input: z.object({ userId: id, role: z.enum(roles) }),
    handler: async (input, context) => {
      const actor = requireAction(context, 'admin.changeRole');
      const { db } = await appDatabase();
      await changeRole(db, actor, input.userId, input.role, context.locals.ip);
      return { ok: true };
    },
  }),

  setActive: defineAction({
    accept: 'form',
    input: z.object({ userId: id, active: z.enum(['true', 'false']).transform((v) => v === 'true') }),
    handler: async (input, context) => {
      const actor = requireAction(context, 'admin.setActive');
      const { db } = await appDatabase();
      await setAccountActive(db, actor, input.userId, input.active, context.locals.ip);
      return { ok: true };
    },
  }),

  issuePasswordReset: defineAction({
    accept: 'form',
    input: z.object({ userId: id }),
    handler: async (input, context) => {
      const actor = requireAction(context, 'admin.issuePasswordReset');
      const { db } = await appDatabase();
      const { token } = await issuePasswordReset(db, actor, input.userId, new Date(), context.locals.ip);
      return { userId: input.userId, path: `/reset-password/${token}` };
    },
  }),
};
