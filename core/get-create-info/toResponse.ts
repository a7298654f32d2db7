import type { Application, CreateInfoItem } from './Application.js';
import { CREATE_INFO_ITEM_SHAPE, type Shape } from './createInfoShape.js';

const entriesOf = new WeakMap<Shape, [string, Shape[string]][]>();

function entries(shape: Shape): [string, Shape[string]][] {
  let found = entriesOf.get(shape);
  if (!found) {
    found = Object.entries(shape);
    entriesOf.set(shape, found);
  }
  return found;
}

/** Copies exactly the fields the shape lists, level by level; anything else stays behind. */
function pick(shape: Shape, source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of entries(shape)) {
    const value = source[name];
    switch (spec.kind) {
      case 'object':
        out[name] = value == null ? null : pick(spec.fields, value as Record<string, unknown>);
        break;
      case 'array':
        out[name] = ((value ?? []) as Record<string, unknown>[]).map((item) => pick(spec.fields, item));
        break;
      case 'codeName': {
        const codeName = value as { code: string; name: string | null } | null | undefined;
        out[name] = codeName == null ? null : { code: codeName.code, name: codeName.name };
        break;
      }
      case 'stringList':
      case 'specialNames':
        out[name] = [...((value ?? []) as string[])];
        break;
      default:
        out[name] = value ?? null;
    }
  }
  return out;
}

/**
 * The one mapper from an application to what leaves the service: the fields of
 * CREATE_INFO_ITEM_SHAPE and nothing else, so `psd` (kept in storage) is never returned.
 */
export function toResponse(application: Application, abnormalPid: readonly string[]): CreateInfoItem {
  return pick(CREATE_INFO_ITEM_SHAPE, { ...application, abnormalPid }) as unknown as CreateInfoItem;
}
