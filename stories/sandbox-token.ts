/**
 * Client tokens for the stories, from the sandbox backend that `npm run storybook` runs beside
 * the dev server (see .storybook/main.ts).
 */
export async function sandboxToken(variant: 'modal' | 'inline' = 'modal'): Promise<string> {
  const response = await fetch(`/api/create-payment-session?variant=${variant}`, { method: 'POST' });
  if (!response.ok) throw new Error('Run `npm run storybook` to use the local sandbox.');
  return ((await response.json()) as { client_token: string }).client_token;
}

/** Hands a fresh token to a frame element once, or says how to get the sandbox running. */
export async function connect(element: Element | undefined): Promise<void> {
  const el = element as (Element & { clientToken: string | null }) | undefined;
  if (!el || el.clientToken) return;
  try {
    el.clientToken = await sandboxToken();
  } catch {
    el.insertAdjacentHTML('afterend', '<p>Run <code>npm run storybook</code> to load the frames from the local sandbox.</p>');
  }
}
