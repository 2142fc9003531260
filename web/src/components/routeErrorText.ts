import type { TFunction } from 'i18next';
import { isRouteErrorResponse } from 'react-router';
import { errorText } from '../api/client.ts';
import type { Lang } from '../i18n/index.ts';

/**
 * A lazily imported chunk that cannot be fetched: after a redeploy the old hashed file names
 * are gone, so only a full reload (new index.html) helps; retrying the route does not.
 */
export function isChunkLoadError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    /dynamically imported module|importing a module script|module script failed|Failed to fetch/i.test(error.message)
  );
}

export function routeErrorText(error: unknown, t: TFunction, lang: Lang): string {
  if (isChunkLoadError(error)) return t('error.loadFailed');
  if (isRouteErrorResponse(error)) return `${error.status} ${error.statusText}`;
  return errorText(error, lang);
}
