import { z } from 'zod';

const STORAGE_KEY = 'banca.session';

const storedSessionSchema = z.object({ token: z.string().min(1), expiresAt: z.string() });
export type StoredSession = z.infer<typeof storedSessionSchema>;

type Listener = () => void;
const listeners = new Set<Listener>();

// sessionStorage, not localStorage: a bank session must end with the browser tab.
function read(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = storedSessionSchema.safeParse(JSON.parse(raw));
    if (!parsed.success || Date.parse(parsed.data.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(STORAGE_KEY);
      return null;
    }
    return parsed.data;
  } catch {
    return null;
  }
}

let current: StoredSession | null = read();

function emit(): void {
  for (const listener of listeners) listener();
}

/** The one place the bearer token lives; React subscribes through useSyncExternalStore. */
export const sessionStore = {
  get(): StoredSession | null {
    return current;
  },
  token(): string | null {
    return current?.token ?? null;
  },
  set(session: StoredSession): void {
    current = session;
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    emit();
  },
  clear(): void {
    if (current === null) return;
    current = null;
    sessionStorage.removeItem(STORAGE_KEY);
    emit();
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
