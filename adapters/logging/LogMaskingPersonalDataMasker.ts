import { injectable } from 'inversify';
import type { PersonalDataMasker } from '../../core/ops-console/ports.js';
import { maskPii } from './maskPii.js';
import { maskPiiText } from './maskPiiText.js';

/** The console masks personal data exactly as the logs do (maskPii, by key name). */
@injectable()
export class LogMaskingPersonalDataMasker implements PersonalDataMasker {
  mask<T>(value: T): T {
    return maskPii(value) as T;
  }

  maskText(text: string | null): string | null {
    return text === null ? null : maskPiiText(text);
  }

  maskField(field: string, value: unknown): unknown {
    return (maskPii({ [field]: value }) as Record<string, unknown>)[field];
  }
}
