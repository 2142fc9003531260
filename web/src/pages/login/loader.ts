import { redirect, type LoaderFunctionArgs } from 'react-router';
import { fetchMe } from '../../api/auth.ts';
import { safeNextPath } from '../../auth/session.ts';

/** A user who is already logged in (e.g. from a bookmark) skips the form. */
export async function loginLoader({ request }: LoaderFunctionArgs): Promise<null> {
  try {
    await fetchMe({ signal: request.signal });
  } catch {
    // Not logged in, or the API is unreachable: either way the form is the right thing to show.
    return null;
  }
  throw redirect(safeNextPath(new URL(request.url).searchParams.get('next')));
}
