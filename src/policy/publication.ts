/**
 * The pack's publication section (schema in schema.ts): what an open feed — Open311 read without
 * a key — shows of a complaint. The same for every sector by default; an organisation overrides it.
 */
import type { PolicyPack, PublicationPolicy } from './schema.js';

const note = (zh: string, en: string) => ({ zh, en });

/** The section of every sector preset: enough for a FixMyStreet-style importer, no contact details. */
export function publicationPreset(): PublicationPolicy {
  return {
    openFeedDescription: {
      value: 'masked',
      decision: note(
        '文件未规定。本系统默认：公开接口显示投诉内容，但隐去其中的手机号、座机号、电子邮箱和身份证号；投诉人的姓名和联系方式从不公开。',
        'Not in the source documents. Product decision: the open feed shows the complaint text with phone numbers, e-mail addresses and ID numbers masked; the complainant\'s name and contact details are never public.',
      ),
    },
    openFeedLocation: {
      value: 'rounded',
      decision: note('文件未规定。本系统默认：坐标保留三位小数（约 100 米）公开，足以在地图上标出位置而不指向某一户。', 'Not in the source documents. Product decision: coordinates are public rounded to three decimals (about 100 m), enough for a map, not enough to point at one home.'),
    },
    openFeedAddress: {
      value: false,
      decision: note('文件未规定。本系统默认：客户端提交的地址不公开（可能是投诉人的住址）。', 'Not in the source documents. Product decision: the address a client sent is not public (it may be the complainant\'s home).'),
    },
  };
}

export interface OpenFeedFields {
  description: 'omit' | 'masked';
  location: 'omit' | 'rounded' | 'exact';
  address: boolean;
}

export function openFeedFieldsOf(pack: PolicyPack): OpenFeedFields {
  const p = pack.publication;
  return { description: p.openFeedDescription.value, location: p.openFeedLocation.value, address: p.openFeedAddress.value };
}
