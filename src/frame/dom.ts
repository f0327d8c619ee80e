/** Small DOM builders shared by the frame pages. */

/** An element of `doc` with a class name. */
export function createElement<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  return element;
}

/** A field's validation message: hidden until shown, with its icon; `id` is what `aria-describedby` names. */
export function createErrorMessage(doc: Document, id: string): { error: HTMLDivElement; errorText: HTMLSpanElement } {
  const error = createElement(doc, 'div', 'mc-error');
  error.id = id;
  error.hidden = true;
  const icon = createElement(doc, 'span', 'mc-error-icon');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '!';
  const errorText = createElement(doc, 'span', 'mc-error-text');
  error.append(icon, errorText);
  return { error, errorText };
}
