import type { MidplatConfig } from '../../../config/MidplatConfig.js';

/** The `moneyPlus` section of the configuration, as the callback clients need it. */
export type MoneyPlusSettings = MidplatConfig['moneyPlus'];
export const MoneyPlusSettings = Symbol.for('MoneyPlusSettings');
