import { randomUUID } from 'node:crypto';

/** Aggregate ids are random UUIDs: unguessable, so an id leaks nothing about other agencies. */
export function newId(): string {
  return randomUUID();
}
