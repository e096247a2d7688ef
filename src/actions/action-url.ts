/** Where a form posts to run an Action and render the result on `path` (which may have a query). */
export function actionUrl(path: string, action: { toString(): string }): string {
  const query = String(action).replace(/^\?/, '');
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}
