/// <reference types="node" />
/**
 * custom-elements.json as the gallery reads it: the manifest the analyzer writes, with each
 * event's `detail` type filled in from the elements' typed event maps (src/core/events.ts), so the
 * docs pages and the Actions panel show what a listener receives without a hand-kept list.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';

export interface ManifestEvent {
  name: string;
  description?: string;
  type?: { text: string };
  /** The detail's shape, one level expanded (e.g. `{ height: number }`). */
  detailShape?: string;
}

interface Declaration {
  tagName?: string;
  events?: ManifestEvent[];
}

interface Manifest {
  modules: { declarations?: Declaration[] }[];
}

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;

/** `{ a: T; b?: U }` for an object type, each member of a union expanded the same way. */
function shapeOf(checker: ts.TypeChecker, type: ts.Type, depth = 0): string {
  if (type.isUnion() && !(type.flags & ts.TypeFlags.Boolean)) {
    return type.types.map((member) => shapeOf(checker, member, depth)).join(' | ');
  }
  const properties = checker.getPropertiesOfType(type);
  if (depth === 0 && properties.length === 0 && type.flags & ts.TypeFlags.Object) return '{}';
  if (depth > 0 || properties.length === 0 || !(type.flags & ts.TypeFlags.Object)) {
    return checker.typeToString(type, undefined, FORMAT);
  }
  const members = properties.map((symbol) => {
    const optional = symbol.flags & ts.SymbolFlags.Optional ? '?' : '';
    const memberType = checker.getTypeOfSymbol(symbol);
    const shown = optional ? checker.getNonNullableType(memberType) : memberType;
    return `${symbol.name}${optional}: ${checker.typeToString(shown, undefined, FORMAT)}`;
  });
  return `{ ${members.join('; ')} }`;
}

/** Detail types per tag and event, read from `MomentElementEventMaps` (or the flat `MomentEventDetails`). */
export function eventDetails(eventsFile: string): Map<string, Map<string, { text: string; shape: string }>> {
  const program = ts.createProgram([eventsFile], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(eventsFile);
  const result = new Map<string, Map<string, { text: string; shape: string }>>();
  if (!source) return result;
  const declared = (name: string) =>
    source.statements.find(
      (statement): statement is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
        (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && statement.name.text === name,
    );
  const eventsOf = (type: ts.Type) => {
    const events = new Map<string, { text: string; shape: string }>();
    for (const symbol of checker.getPropertiesOfType(type)) {
      const detail = checker.getTypeOfSymbol(symbol);
      events.set(symbol.name, { text: checker.typeToString(detail, undefined, FORMAT), shape: shapeOf(checker, detail) });
    }
    return events;
  };
  const perElement = declared('MomentElementEventMaps');
  if (perElement) {
    for (const tag of checker.getPropertiesOfType(checker.getTypeAtLocation(perElement.name))) {
      result.set(tag.name, eventsOf(checker.getTypeOfSymbol(tag)));
    }
  }
  const flat = declared('MomentEventDetails');
  if (flat) result.set('*', eventsOf(checker.getTypeAtLocation(flat.name)));
  return result;
}

/** The manifest with `type` (`CustomEvent<Detail>`) and `detailShape` on every event. */
export function enrichedManifest(root: string): Manifest {
  const manifest = JSON.parse(readFileSync(resolve(root, 'custom-elements.json'), 'utf8')) as Manifest;
  let details: ReturnType<typeof eventDetails>;
  try {
    details = eventDetails(resolve(root, 'src/core/events.ts'));
  } catch (error) {
    console.warn(`Gallery: event detail types unavailable (${(error as Error).message}); docs show the manifest as is.`);
    details = new Map();
  }
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.tagName) continue;
      for (const event of declaration.events ?? []) {
        const detail = details.get(declaration.tagName)?.get(event.name) ?? details.get('*')?.get(event.name);
        if (!detail) continue;
        event.type ??= { text: `CustomEvent<${detail.text}>` };
        event.detailShape = detail.shape;
      }
    }
  }
  return manifest;
}
