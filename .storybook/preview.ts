import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { MINIMAL_VIEWPORTS } from 'storybook/viewport';
import manifest from 'virtual:moment-manifest';
import { manifestActions } from './actions.js';
import { argTypesFor, declarationFor } from './arg-types.js';
import { DEFAULT_FRAMES_ORIGIN } from '../stories/sandbox-token.js';

setCustomElementsManifest(manifest);

/**
 * The sandbox the stories use, as an origin: `?framesOrigin=` on the gallery's URL, else the
 * default. Storybook's own `globals=` URL syntax cannot carry a URL, so the gallery reads its own
 * parameter (Storybook forwards unknown parameters to the preview).
 */
function framesOriginFromUrl(): string | undefined {
  const search = typeof location === 'undefined' ? '' : location.search;
  const raw = new URLSearchParams(search).get('framesOrigin');
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return /^https?:$/.test(url.protocol) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

const initialOrigin = framesOriginFromUrl() ?? DEFAULT_FRAMES_ORIGIN;
const sameHost = typeof location !== 'undefined' && /^https?:$/.test(location.protocol) ? `${location.protocol}//${location.hostname}:4010` : undefined;
const origins = [...new Set([initialOrigin, DEFAULT_FRAMES_ORIGIN, ...(sameHost ? [sameHost] : [])])];

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    framesOrigin: {
      description: 'The sandbox that serves the frames and creates the demo sessions (add ?framesOrigin=http://host:port to the URL for another).',
      toolbar: {
        title: 'Frames origin',
        icon: 'globe',
        items: origins.map((origin) => ({ value: origin, title: origin })),
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { framesOrigin: initialOrigin },
  decorators: [manifestActions(manifest)],
  parameters: {
    controls: { expanded: true, sort: 'requiredFirst' },
    // The narrow phone the mobile stories are checked at (the checkout becomes a bottom sheet under 600 px).
    viewport: {
      options: { mobile375: { name: 'Mobile 375 px', styles: { width: '375px', height: '667px' }, type: 'mobile' }, ...MINIMAL_VIEWPORTS },
    },
    docs: {
      extractArgTypes: (tagName: string) => argTypesFor(manifest, tagName),
      extractComponentDescription: (tagName: string) => {
        const declaration = declarationFor(manifest, tagName);
        return [declaration?.summary, declaration?.description].filter(Boolean).join('\n\n');
      },
    },
  },
};
export default preview;
