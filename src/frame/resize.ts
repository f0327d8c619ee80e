/** Reports an element's content height (whole pixels) whenever it changes. */
export function contentHeight(element: Element): number {
  return Math.ceil(element.getBoundingClientRect().height);
}

/**
 * Observes `element` (the frame's `<body>`, which is `display: flow-root` with no margin, so its
 * height is the content height rather than the viewport's) and calls `onHeight` on every change.
 */
export function observeContentHeight(element: Element, onHeight: (height: number) => void): () => void {
  let last = -1;
  const observer = new ResizeObserver(() => {
    const height = contentHeight(element);
    if (height !== last) {
      last = height;
      onHeight(height);
    }
  });
  observer.observe(element);
  return () => observer.disconnect();
}
