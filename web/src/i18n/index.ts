import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ROLE_LABELS, type Role } from '@shared/roles.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

export const DEFAULT_LANG: Lang = 'zh-CN';
const STORAGE_KEY = 'sanxiang.lang';

function isLang(value: unknown): value is Lang {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    // Storage can be disabled (privacy modes, sandboxed iframes); Chinese is the right default.
    return DEFAULT_LANG;
  }
}

/** The current language, narrowed to one the app supports. */
export function currentLang(): Lang {
  return isLang(i18n.language) ? i18n.language : DEFAULT_LANG;
}

export async function setLang(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisting is acceptable: the switch still applies to this tab.
  }
  await i18n.changeLanguage(lang);
}

/** The shared tables are keyed `zh`/`en`, not by locale tag. */
export function sharedKey(lang: Lang): 'zh' | 'en' {
  return lang === 'en' ? 'en' : 'zh';
}

/** Tolerates a role the server knows but this build does not, rather than rendering nothing. */
export function roleLabel(role: Role | (string & {}), lang: Lang): string {
  const labels = (ROLE_LABELS as Record<string, { zh: string; en: string } | undefined>)[role];
  return labels ? labels[sharedKey(lang)] : role;
}

i18n.on('languageChanged', (lng) => {
  // Screen readers, hyphenation and CJK font selection all key off <html lang>.
  document.documentElement.lang = isLang(lng) ? lng : DEFAULT_LANG;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: storedLang(),
  fallbackLng: DEFAULT_LANG,
  supportedLngs: [...LANGUAGES],
  load: 'currentOnly',
  // React already escapes rendered strings; escaping here too would show entities literally.
  interpolation: { escapeValue: false },
  // Resources are bundled, so init can finish synchronously and the first render is translated.
  initAsync: false,
});

export default i18n;
