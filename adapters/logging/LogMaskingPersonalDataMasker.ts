import { injectable } from 'inversify';
import type { PersonalDataMasker } from '../../core/ops-console/ports.js';
import { maskPii } from './maskPii.js';
import { maskPiiText } from './maskPiiText.js';

/** The console masks personal data as the logs do (maskPii, by key name), and free text by what it holds. */
@injectable()
export class LogMaskingPersonalDataMasker implements PersonalDataMasker {
  mask<T>(value: T): T {
    return maskPii(value) as T;
  }

  maskText(text: string | null): string | null {
    return text === null ? null : maskPiiText(text);
  }

  maskField(field: string, value: unknown): unknown {
    const masked = (maskPii({ [field]: value }) as Record<string, unknown>)[field];
    // A free-text field (a reject reason) may hold a phone or an ID whatever its name says.
    return typeof masked === 'string' && masked === value ? maskPiiText(masked) : masked;
  }
}
