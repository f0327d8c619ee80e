/**
 * The docs tables from custom-elements.json: one row per public property (with its attribute),
 * event (with its `detail` type), method (with its signature), CSS part and custom property.
 * Storybook's own reader leaves out methods and event details, so the gallery reads the manifest itself.
 */
import type { ArgTypes, InputType, SBType } from 'storybook/internal/types';

interface Typed {
  text: string;
}
export interface Member {
  kind: 'field' | 'method';
  name: string;
  description?: string;
  type?: Typed;
  default?: string;
  static?: boolean;
  privacy?: 'public' | 'private' | 'protected';
  readonly?: boolean;
  attribute?: string;
  parameters?: { name: string; optional?: boolean; type?: Typed }[];
  return?: { type?: Typed };
}
export interface ManifestEvent {
  name: string;
  description?: string;
  type?: Typed;
  detailShape?: string;
}
export interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  summary?: string;
  description?: string;
  members?: Member[];
  attributes?: { name: string; fieldName?: string; description?: string; type?: Typed; default?: string }[];
  events?: ManifestEvent[];
  cssParts?: { name: string; description?: string }[];
  cssProperties?: { name: string; description?: string; default?: string }[];
  slots?: { name: string; description?: string }[];
}
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

export function declarationFor(manifest: Manifest, tagName: string): Declaration | undefined {
  for (const module of manifest.modules) {
    const found = module.declarations?.find((declaration) => declaration.tagName === tagName);
    if (found) return found;
  }
  return undefined;
}

/** Every tag in the manifest with the names of the events it fires. */
export function eventsByTag(manifest: Manifest): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (declaration.tagName) map.set(declaration.tagName, new Set((declaration.events ?? []).map((event) => event.name)));
    }
  }
  return map;
}

/** A control from the TypeScript type text: booleans, numbers, strings and string-literal unions. */
function sbType(text: string | undefined): { type: SBType; control?: InputType['control'] } {
  const parts = (text ?? '')
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'null' && part !== 'undefined');
  if (parts.length === 1 && parts[0] === 'boolean') return { type: { name: 'boolean' } };
  if (parts.length === 1 && parts[0] === 'number') return { type: { name: 'number' } };
  if (parts.length === 1 && parts[0] === 'string') return { type: { name: 'string' } };
  if (parts.length > 0 && parts.every((part) => /^'[^']*'$|^"[^"]*"$/.test(part))) {
    const options = parts.map((part) => part.slice(1, -1));
    return { type: { name: 'enum', value: options }, control: options.length <= 3 ? 'inline-radio' : 'select' };
  }
  if (/=>/.test(text ?? '')) return { type: { name: 'function' }, control: false };
  return { type: { name: 'other', value: text ?? 'unknown' }, control: 'object' };
}

const isPublic = (member: Member) => !member.static && member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('_');

export function argTypesFor(manifest: Manifest, tagName: string): ArgTypes {
  const declaration = declarationFor(manifest, tagName);
  if (!declaration) return {};
  const argTypes: ArgTypes = {};
  const attributeOf = new Map((declaration.attributes ?? []).map((attribute) => [attribute.fieldName ?? attribute.name, attribute.name]));

  for (const member of (declaration.members ?? []).filter(isPublic)) {
    if (member.kind === 'field') {
      const attribute = attributeOf.get(member.name) ?? member.attribute;
      const { type, control } = sbType(member.type?.text);
      argTypes[member.name] = {
        name: member.name,
        description: [member.description, attribute ? `Attribute: \`${attribute}\`` : undefined].filter(Boolean).join('\n\n'),
        type: { ...type, required: false },
        ...(control !== undefined || member.readonly ? { control: member.readonly ? false : control } : {}),
        table: {
          category: attribute ? 'attributes / properties' : 'properties',
          type: { summary: member.type?.text ?? 'unknown' },
          ...(member.default !== undefined ? { defaultValue: { summary: member.default } } : {}),
        },
      };
    } else {
      const parameters = (member.parameters ?? []).map((p) => `${p.name}${p.optional ? '?' : ''}: ${p.type?.text ?? 'unknown'}`).join(', ');
      argTypes[`method:${member.name}`] = {
        name: `${member.name}()`,
        description: member.description ?? '',
        control: false,
        table: { category: 'methods', type: { summary: `(${parameters}) => ${member.return?.type?.text ?? 'void'}` } },
      };
    }
  }
  for (const event of declaration.events ?? []) {
    argTypes[`event:${event.name}`] = {
      name: event.name,
      description: [event.description, event.detailShape ? `\`detail\`: \`${event.detailShape}\`` : undefined].filter(Boolean).join('\n\n'),
      control: false,
      table: {
        category: 'events',
        type: { summary: event.type?.text ?? 'CustomEvent', ...(event.detailShape ? { detail: `detail: ${event.detailShape}` } : {}) },
      },
    };
  }
  for (const part of declaration.cssParts ?? []) {
    argTypes[`part:${part.name}`] = { name: part.name, description: part.description ?? '', control: false, table: { category: 'css shadow parts' } };
  }
  for (const property of declaration.cssProperties ?? []) {
    argTypes[`css:${property.name}`] = {
      name: property.name,
      description: property.description ?? '',
      control: false,
      table: { category: 'css custom properties', ...(property.default ? { defaultValue: { summary: property.default } } : {}) },
    };
  }
  for (const slot of declaration.slots ?? []) {
    argTypes[`slot:${slot.name || 'default'}`] = {
      name: slot.name || '(default)',
      description: slot.description ?? '',
      control: false,
      table: { category: 'slots' },
    };
  }
  return argTypes;
}
