import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The interface languages; tests read the same locale files the app is built from. */
export type Lang = 'fr' | 'nl' | 'de' | 'en';
export const langs: Lang[] = ['fr', 'nl', 'de', 'en'];

const localesDir = path.resolve(__dirname, '..', '..', '..', 'locales');
const cache = new Map<Lang, Record<string, string>>();

function messages(lang: Lang): Record<string, string> {
  let found = cache.get(lang);
  if (!found) {
    found = JSON.parse(readFileSync(path.join(localesDir, `${lang}.json`), 'utf8')) as Record<string, string>;
    cache.set(lang, found);
  }
  return found;
}

/**
 * The visible text for `key` in `lang`, with `{{ name }}` placeholders filled in.
 *
 * A plural message (`key_one`, `key_other`, …) takes the form CLDR's rules pick for a numeric
 * `count` (as the app does), and `other` when `count` is not a number.
 */
export function tr(lang: Lang, key: string, vars: Record<string, string | number> = {}): string {
  const all = messages(lang);
  let text = all[key];
  if (text === undefined && all[`${key}_other`] !== undefined) {
    const form = typeof vars.count === 'number' ? new Intl.PluralRules(lang).select(vars.count) : 'other';
    text = all[`${key}_${form}`] ?? all[`${key}_other`];
  }
  if (text === undefined) throw new Error(`no key ${key} in ${lang}.json`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    if (!(name in vars)) throw new Error(`${lang}.json ${key} needs {{ ${name} }}`);
    return String(vars[name]);
  });
}

/** A regular expression matching `text` literally. */
export function literal(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
}
