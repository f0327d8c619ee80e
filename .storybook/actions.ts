/**
 * Every event of every element, as listed in custom-elements.json, goes to the Actions panel with
 * its `detail`: one listener per event name on the story's root, kept only for events whose target
 * is an element that declares that event (a native `change` from a story's own <select> is not one).
 */
import { action } from 'storybook/actions';
import { useEffect } from 'storybook/preview-api';
import type { Decorator } from '@storybook/web-components-vite';
import { eventsByTag, type Manifest } from './arg-types.js';

export function manifestActions(manifest: Manifest): Decorator {
  const byTag = eventsByTag(manifest);
  const names = new Set([...byTag.values()].flatMap((events) => [...events]));
  return (story, context) => {
    const root = context.canvasElement as HTMLElement | undefined;
    useEffect(() => {
      if (!root) return undefined;
      const listener = (event: Event) => {
        const target = event.target instanceof Element ? event.target : null;
        if (!target || !byTag.get(target.localName)?.has(event.type)) return;
        action(event.type)((event as CustomEvent<unknown>).detail ?? null);
      };
      for (const name of names) root.addEventListener(name, listener);
      return () => {
        for (const name of names) root.removeEventListener(name, listener);
      };
    }, [root]);
    return story();
  };
}
