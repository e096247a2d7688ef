/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./auth/session').SessionUser | null;
    session: import('./auth/session').SessionInfo | null;
    locale: import('./i18n').Locale;
    /** The client's address after the trusted-proxy rule; use this, never the raw header. */
    ip: string;
  }
}
