import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a request serves: the person now (a card, an action, a lookup), the view they look at (Load more), or
 * background work (search scans, Load All, export, import checks, recovery). The person's requests go first;
 * background work leaves each window's reserve free and yields while a person's request waits.
 */
export type Priority = 'person' | 'view' | 'background';

const current = new AsyncLocalStorage<Priority>();

/**
 * Runs `work` with its requests at this priority (carried through every await inside it, so no signature between
 * a command and the client has to pass it on). Work that says nothing serves the person.
 */
export function withPriority<T>(priority: Priority, work: () => T): T {
  return current.run(priority, work);
}

/** The priority of the work running now; `fallback` when none was said (the person, unless a caller knows better). */
export function currentPriority(fallback: Priority = 'person'): Priority {
  return current.getStore() ?? fallback;
}
