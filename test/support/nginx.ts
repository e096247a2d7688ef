import { type ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's nginx (`apt-get install -y nginx`; `.ci/run` installs it). */
export const nginxBinary = '/usr/sbin/nginx';

export interface RunningNginx {
  origin: string;
  stop(): Promise<void>;
}

/**
 * nginx in the foreground (a child of this process, stopped with it) on a loopback port, with
 * test/bench/nginx-micro-cache.conf (the README's deployment) in front of the app at `appPort`, in
 * a temporary folder of its own. Started as root, nginx runs its workers as `nobody`, which must
 * be able to write the cache and temporary folders: the folder is given to nobody (refused their
 * cache folder, the workers answer every request with a 500).
 */
export async function startNginx(appPort: string, port: number): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'press-par-nginx-'));
  mkdirSync(path.join(dir, 'cache'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) for (const folder of [dir, path.join(dir, 'cache')]) chownSync(folder, 65534, 65534);
  const site = readFileSync(new URL('../bench/nginx-micro-cache.conf', import.meta.url), 'utf8')
    .replaceAll('@CACHE_DIR@', path.join(dir, 'cache'))
    .replaceAll('@APP_PORT@', appPort)
    .replaceAll('@NGINX_PORT@', String(port));
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off; worker_processes auto; ${asRoot ? 'user nobody nogroup;' : ''} pid ${dir}/nginx.pid; error_log ${dir}/error.log warn;
     events { worker_connections 1024; }
     http {
       access_log off;
       client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
       uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
       ${site}
     }`,
  );
  const child: ChildProcess = spawn(nginxBinary, ['-c', conf, '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGQUIT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) {
      const log = readFileSync(path.join(dir, 'error.log'), 'utf8');
      await stop();
      throw new Error(`nginx exited with ${child.exitCode}:\n${log}`);
    }
    // Any answer: nginx is listening.
    if (await fetch(`${origin}/robots.txt`).then(() => true, () => false)) return { origin, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error('nginx did not answer');
}
