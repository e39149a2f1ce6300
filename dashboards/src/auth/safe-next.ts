/** Where to go after sign-in: only a path inside this app, never another origin ("//evil.example"). */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}
