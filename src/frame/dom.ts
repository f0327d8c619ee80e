/** Small DOM builders shared by the frame pages. */

/** An element of `doc` with a class name. */
export function createElement<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (className) element.className = className;
  return element;
}
