/** Validation messages, looked up apart from the rules: the merchant's override when it is not blank, else the dictionary's. */
export function errorMessage<T extends string>(type: T, overrides: Partial<Record<T, string>> | undefined, dictionary: Readonly<Record<T, string>>): string {
  const custom = overrides && Object.hasOwn(overrides, type) ? overrides[type] : undefined;
  return typeof custom === 'string' && custom.trim() !== '' ? custom : dictionary[type];
}
