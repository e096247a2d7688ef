import type { APIRoute } from 'astro';
import { ping } from '@db/client';
import { appDatabase } from '@/database';

export const GET: APIRoute = async () => {
  const ok = await appDatabase()
    .then(({ db }) => ping(db))
    .catch((error: unknown) => {
      console.error('healthz: database unavailable', error);
      return false;
    });
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
};
