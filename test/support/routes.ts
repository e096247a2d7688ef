import { readdirSync } from 'node:fs';
import path from 'node:path';
import { server } from '../../src/actions';

/** `entries.save`, … for every Action the site defines, walked from the object Astro serves. */
export function actionNames(): string[] {
  return Object.entries(server)
    .flatMap(([group, actions]) => Object.keys(actions).map((name) => `${group}.${name}`))
    .sort();
}

/** The route of every page and endpoint file under src/pages, as Astro derives it from the file name. */
export function pageRoutes(): string[] {
  const root = path.resolve('src/pages');
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((file) => file.isFile() && /\.(astro|ts)$/.test(file.name))
    .map((file) => {
      const relative = path.relative(root, path.join(file.parentPath, file.name)).split(path.sep).join('/');
      return `/${relative.replace(/\.(astro|ts)$/, '')}`.replace(/\/index$/, '') || '/';
    })
    .sort();
}
