import { formAction } from './form-action';
import { z } from 'astro/zod';
import { organisationKinds, roles } from '@db/schema';
import { changeRole, createAccount, issuePasswordReset, newAccountProblems, setAccountActive } from '@/domain/accounts/accounts';
import { createOrganisation, updateOrganisation } from '@/domain/organisations/organisations';
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
  createOrganisation: formAction(
    'admin.createOrganisation',
    z.object({ ...organisationFields, formKey }),
    async (db, actor, { formKey, ...input }, context) => {
      return createOrganisation(db, actor, input, context.locals.ip, formKey);
    },
  ),

  updateOrganisation: formAction(
    'admin.updateOrganisation',
    z.object({ id, ...organisationFields, active: checkbox }),
    async (db, actor, { id, ...input }, context) => {
      await updateOrganisation(db, actor, id, input, context.locals.ip);
      return { ok: true };
    },
  ),

  createAccount: formAction('admin.createAccount', formInput(accountForm), async (db, actor, form, context) => {
    const { formKey, ...input } = await checkForm(accountForm, form, async (fields, whole) => {
      const problems = await newAccountProblems(db, actor.role === 'outlet_admin' ? { ...fields, organisationId: actor.organisationId } : fields);
      // An address taken alone is the conflict (409) createAccount answers; with others, one of them.
      return whole && problems.every((p) => p.key === 'admin.emailTaken') ? [] : problems;
    });
    // An outlet admin adds journalists to its own outlet, whatever the form says.
    const account =
      actor.role === 'outlet_admin' ? { ...input, role: 'journalist' as const, organisationId: actor.organisationId } : input;
    return createAccount(db, actor, account, context.locals.ip, formKey);
  }),

  changeRole: formAction('admin.changeRole', z.object({ userId: id, role: z.enum(roles) }), async (db, actor, input, context) => {
    await changeRole(db, actor, input.userId, input.role, context.locals.ip);
    return { ok: true };
  }),

  setActive: formAction(
    'admin.setActive',
    z.object({ userId: id, active: z.enum(['true', 'false']).transform((v) => v === 'true') }),
    async (db, actor, input, context) => {
      await setAccountActive(db, actor, input.userId, input.active, context.locals.ip);
      return { ok: true };
    },
  ),

  issuePasswordReset: formAction('admin.issuePasswordReset', z.object({ userId: id }), async (db, actor, input, context) => {
    const { token } = await issuePasswordReset(db, actor, input.userId, new Date(), context.locals.ip);
    return { userId: input.userId, path: `/reset-password/${token}` };
  }),
};
