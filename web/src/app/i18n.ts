import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import utc from 'dayjs/plugin/utc';
import zhCN from '../locales/zh-CN.json';
import en from '../locales/en.json';
import moreZhCN from '../locales/more.zh-CN.json';
import moreEn from '../locales/more.en.json';
import deskZhCN from '../locales/desk.zh-CN.json';
import deskEn from '../locales/desk.en.json';
import inspectionsZhCN from '../locales/inspections.zh-CN.json';
import inspectionsEn from '../locales/inspections.en.json';
import rulesZhCN from '../locales/rules.zh-CN.json';
import rulesEn from '../locales/rules.en.json';
import incidentsZhCN from '../locales/incidents.zh-CN.json';
import incidentsEn from '../locales/incidents.en.json';
import { mergeLocales } from '../locales/merge';
import type { Bilingual } from './api';

dayjs.extend(utc);

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const storageKey = 'youzhi.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(storageKey);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // storage may be unavailable (private mode): fall back to Chinese
  }
  return 'zh-CN';
}

function applyToDocument(lng: Language): void {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: mergeLocales(zhCN, moreZhCN, deskZhCN, inspectionsZhCN, rulesZhCN, incidentsZhCN) }, en: { translation: mergeLocales(en, moreEn, deskEn, inspectionsEn, rulesEn, incidentsEn) } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyToDocument(initial);

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(storageKey, lng);
  } catch {
    // not remembered, still switched
  }
  void i18n.changeLanguage(lng).then(() => applyToDocument(lng));
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Picks the right half of a bilingual server message. */
export function pick(messages: Bilingual | undefined | null, lng: string = i18n.language): string {
  if (!messages) return '';
  return lng === 'en' ? messages.en : messages.zh;
}

/** `t` plus the language and a picker for bilingual messages. */
export function useI18n() {
  const { t, i18n: instance } = useTranslation();
  const lng: Language = instance.language === 'en' ? 'en' : 'zh-CN';
  return { t, lng, pick: (m: Bilingual | undefined | null) => pick(m, lng) };
}

export default i18n;
