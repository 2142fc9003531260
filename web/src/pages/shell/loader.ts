import { redirect, type LoaderFunctionArgs } from 'react-router';
import { fetchMe } from '../../api/auth.ts';
import { ApiRequestError } from '../../api/client.ts';
import type { ShellData } from '../../auth/session.ts';

/** Every console page needs the user, so the session is checked once here, before any child renders. */
export async function shellLoader({ request }: LoaderFunctionArgs): Promise<ShellData> {
  try {
    return { user: await fetchMe({ signal: request.signal }) };
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 401) {
      const url = new URL(request.url);
      const back = url.pathname + url.search;
      throw redirect(back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`);
    }
    throw err;
  }
}
