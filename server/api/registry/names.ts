// Names as the registry needs them before any validation: a key segment must not hold "/", and
// generateName gets a random suffix like Kubernetes' (5 characters without vowels, so that no
// words are formed, nor look-alike digits).
import { randomInt } from 'node:crypto';
import { InvalidError } from '../../../client/index.js';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const SUFFIX_LENGTH = 5;
const MAX_NAME = 253;

export function newName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < SUFFIX_LENGTH; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}${suffix}`;
}

/** A name from a request (get, delete, patch) that could not be stored is refused before any read. */
export function checkName(name: string, field = 'name'): void {
  if (typeof name !== 'string' || name === '') throw new InvalidError(`${field}: required`, { causes: [{ field, message: 'required' }] });
  if (name.length > MAX_NAME || name.includes('/') || name === '.' || name === '..') {
    const message = `must be a DNS-1123 subdomain (got ${JSON.stringify(name.slice(0, 300))})`;
    throw new InvalidError(`${field}: ${message}`, { causes: [{ field, message }] });
  }
}
