/**
 * Registers a custom element. A payment script is often embedded twice on one page: the same
 * class registered again is a no-op; a different class under a taken name is left alone, with a
 * warning, so the page keeps working with the first copy.
 */
export function define(tagName: string, elementClass: CustomElementConstructor): void {
  if (typeof customElements === 'undefined') return;
  const existing = customElements.get(tagName);
  if (!existing) {
    customElements.define(tagName, elementClass);
  } else if (existing !== elementClass) {
    const versions = [existing, elementClass].map((c) => (c as { version?: string }).version ?? 'unknown');
    console.warn(
      `<${tagName}> is already registered (version ${versions[0]}); this copy (version ${versions[1]}) is not used. Load Moment Elements once per page.`,
    );
  }
}
