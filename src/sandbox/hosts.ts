/**
 * DNS rebinding protection: a page on an attacker's domain that re-resolves to 127.0.0.1 still
 * sends its own name in `Host`. Only loopback names, and names the sandbox was configured with,
 * are answered.
 */

/** Host name of a `Host` header value, lower case, without port or IPv6 brackets' port. */
export function hostName(header: string): string | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::\d{1,5})?$/.exec(header.trim());
  return match?.[1]?.toLowerCase().replace(/\.$/, '');
}

export function isLoopbackName(name: string): boolean {
  return name === 'localhost' || name.endsWith('.localhost') || name === '127.0.0.1' || name === '[::1]';
}

/** True when `header` names a loopback host or one of `extra` (lower-case names, `[v6]` in brackets). */
export function isAllowedHost(header: string | undefined, extra: ReadonlySet<string>): boolean {
  if (header === undefined) return false;
  const name = hostName(header);
  return name !== undefined && (isLoopbackName(name) || extra.has(name));
}
