/**
 * The form a refused POST carried, to show the person's input again. Astro has already read the
 * body for the Action, so this reads a clone; a GET has none.
 */
export async function postedForm(request: Request): Promise<FormData | null> {
  if (request.method !== 'POST') return null;
  return request
    .clone()
    .formData()
    .catch(() => null);
}
