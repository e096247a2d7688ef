/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./auth/session').SessionUser | null;
    session: import('./auth/session').SessionInfo | null;
    /** A session cookie came in but no longer opens a session (expired, ended, tampered). */
    sessionEnded: boolean;
    /** MFA_REQUIRED_ROLES names this user's role and they have no second factor yet: only enrolment is open. */
    mustEnrolSecondFactor: boolean;
    locale: import('./i18n').Locale;
    /** The client's address after the trusted-proxy rule; use this, never the raw header. */
    ip: string;
    /** This request's id: in the server log with every error, shown to the person on an error page. */
    requestId: string;
  }
}
