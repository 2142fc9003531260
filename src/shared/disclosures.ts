/**
 * 事前公开 — before-enforcement disclosures (国办发〔2018〕118号 item 四; 《行政处罚法》第三十九条):
 * what an agency publishes before it acts. Shared by the server and the web app.
 *
 * Two sorts of item:
 * - edited ones (this file's DisclosureKind): agency profile, 权责清单 entries, 随机抽查事项,
 *   flowcharts, 办事指南, supervision and complaint channels. Each goes draft → in-review →
 *   published by the 公示审核员 (the drafter never approves); every published version is kept
 *   and public.
 * - derived ones, never re-typed: 内设机构 (the agency's units), the staff list (officers), the
 *   discretion benchmarks and the legal-review catalog in force today.
 *
 * One table (DISCLOSURE_FIELDS) describes each kind's fields: the server validates content with
 * it, the console builds its forms from it, the portal shows items in its order, and the Excel
 * columns of the powers list are its labels.
 */

export const DISCLOSURE_KINDS = ['profile', 'power', 'inspection-item', 'flowchart', 'service-guide', 'channel'] as const;
export type DisclosureKind = (typeof DISCLOSURE_KINDS)[number];

export const DISCLOSURE_KIND_LABELS: Record<DisclosureKind, { zh: string; en: string }> = {
  profile: { zh: '机关简介', en: 'Agency profile' },
  power: { zh: '权责清单', en: 'Powers list' },
  'inspection-item': { zh: '随机抽查事项清单', en: 'Random-inspection items' },
  flowchart: { zh: '执法流程图', en: 'Enforcement flowcharts' },
  'service-guide': { zh: '办事指南', en: 'Service guides' },
  channel: { zh: '监督投诉渠道', en: 'Supervision and complaint channels' },
};

/** 权力类型 (the categories of a 权责清单). */
export const POWER_TYPES = ['licensing', 'penalty', 'coercion', 'inspection', 'levy', 'payment', 'confirmation', 'reward', 'adjudication', 'other'] as const;
export type PowerType = (typeof POWER_TYPES)[number];
export const POWER_TYPE_LABELS: Record<PowerType, { zh: string; en: string }> = {
  licensing: { zh: '行政许可', en: 'Licensing' },
  penalty: { zh: '行政处罚', en: 'Penalty' },
  coercion: { zh: '行政强制', en: 'Coercive measure' },
  inspection: { zh: '行政检查', en: 'Inspection' },
  levy: { zh: '行政征收', en: 'Levy' },
  payment: { zh: '行政给付', en: 'Benefit' },
  confirmation: { zh: '行政确认', en: 'Confirmation' },
  reward: { zh: '行政奖励', en: 'Reward' },
  adjudication: { zh: '行政裁决', en: 'Adjudication' },
  other: { zh: '其他行政权力', en: 'Other power' },
};

export const CHANNEL_KINDS = ['complaint', 'supervision', 'reconsideration', 'litigation'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];
export const CHANNEL_KIND_LABELS: Record<ChannelKind, { zh: string; en: string }> = {
  complaint: { zh: '投诉举报', en: 'Complaints and reports' },
  supervision: { zh: '执法监督', en: 'Enforcement supervision' },
  reconsideration: { zh: '行政复议', en: 'Administrative reconsideration' },
  litigation: { zh: '行政诉讼', en: 'Administrative litigation' },
};

// ---- content of each kind ----------------------------------------------------------------------

/** 机关简介: the agency's own office details — never a person's. */
export interface ProfileContent {
  summary: string;
  duties: string;
  address: string;
  hours: string;
  phone: string;
  website: string | null;
}

/** 权责清单 entry. `code` (事项编码) is the entry's identity in the Excel import. */
export interface PowerContent {
  code: string;
  name: string;
  type: PowerType;
  basis: string;
  unit: string;
  procedure: string;
  supervision: string;
  remedy: string;
}

/** 随机抽查事项清单 entry (双随机、一公开). */
export interface InspectionItemContent {
  code: string;
  name: string;
  field: string;
  targets: string;
  basis: string;
  method: string;
  ratio: string;
  unit: string;
}

export type FlowStepKind = 'start' | 'step' | 'decision' | 'end';
export const FLOW_STEP_KINDS: readonly FlowStepKind[] = ['start', 'step', 'decision', 'end'];
export const FLOW_STEP_KIND_LABELS: Record<FlowStepKind, { zh: string; en: string }> = {
  start: { zh: '开始', en: 'Start' },
  step: { zh: '步骤', en: 'Step' },
  decision: { zh: '判断', en: 'Decision' },
  end: { zh: '结束', en: 'End' },
};
export interface FlowEdge {
  to: string;
  /** Shown on the arrow (是 / 否, 符合条件 …). */
  label: string | null;
}
export interface FlowStep {
  /** Unique within the chart (s1, s2 …). */
  id: string;
  kind: FlowStepKind;
  label: string;
  /** Time limit or basis shown under the label (7 个工作日内 …). */
  note: string | null;
  next: FlowEdge[];
}
/** 执法流程图: structured steps and branches, rendered (src/shared/flowchart.ts), never an uploaded image. */
export interface FlowchartContent {
  title: string;
  description: string | null;
  steps: FlowStep[];
}

/** 办事指南 (《行政许可法》第三十条: items, basis, conditions, procedure, time limits, materials). */
export interface ServiceGuideContent {
  title: string;
  basis: string;
  conditions: string;
  materials: string[];
  procedure: string;
  timeLimit: string;
  fee: string;
  place: string;
  contact: string;
}

/** 监督投诉渠道. */
export interface ChannelContent {
  name: string;
  kind: ChannelKind;
  contact: string;
  address: string | null;
  hours: string | null;
  description: string | null;
}

export interface DisclosureContentOf {
  profile: ProfileContent;
  power: PowerContent;
  'inspection-item': InspectionItemContent;
  flowchart: FlowchartContent;
  'service-guide': ServiceGuideContent;
  channel: ChannelContent;
}
export type DisclosureContent = DisclosureContentOf[DisclosureKind];

// ---- the field table -----------------------------------------------------------------------------

/**
 * One field of a kind: `text` one line, `long` several lines, `optional` a line that may be
 * empty (null), `lines` a list of lines, `enum` one of `options`. Flowchart steps are the one
 * structure the table does not describe (FlowchartContent.steps).
 */
export interface DisclosureField {
  key: string;
  zh: string;
  en: string;
  type: 'text' | 'long' | 'optional' | 'lines' | 'enum';
  max: number;
  options?: readonly string[];
  optionLabels?: Record<string, { zh: string; en: string }>;
}

const f = (key: string, zh: string, en: string, type: DisclosureField['type'], max: number, more: Partial<DisclosureField> = {}): DisclosureField => ({ key, zh, en, type, max, ...more });

export const DISCLOSURE_LIMITS = { text: 200, long: 4000, lines: 50, note: 500, steps: 40, edges: 4, code: 64 } as const;

export const DISCLOSURE_FIELDS: Record<DisclosureKind, readonly DisclosureField[]> = {
  profile: [
    f('summary', '机关简介', 'About the agency', 'long', 4000),
    f('duties', '主要职责', 'Duties', 'long', 4000),
    f('address', '办公地址', 'Office address', 'text', 200),
    f('hours', '办公时间', 'Office hours', 'text', 200),
    f('phone', '办公电话', 'Office phone', 'text', 100),
    f('website', '网站', 'Website', 'optional', 200),
  ],
  power: [
    f('code', '事项编码', 'Code', 'text', 64),
    f('name', '事项名称', 'Name', 'text', 200),
    f('type', '权力类型', 'Type', 'enum', 32, { options: POWER_TYPES, optionLabels: POWER_TYPE_LABELS }),
    f('basis', '设定依据', 'Legal basis', 'long', 4000),
    f('unit', '承办机构', 'Handled by', 'text', 200),
    f('procedure', '办理流程', 'Procedure', 'long', 4000),
    f('supervision', '监督方式', 'Supervision', 'long', 1000),
    f('remedy', '救济途径', 'Remedies', 'long', 1000),
  ],
  'inspection-item': [
    f('code', '事项编码', 'Code', 'text', 64),
    f('name', '抽查事项', 'Item', 'text', 200),
    f('field', '执法领域', 'Field', 'text', 100),
    f('targets', '抽查对象', 'Inspected parties', 'text', 500),
    f('basis', '抽查依据', 'Legal basis', 'long', 2000),
    f('method', '抽查方式', 'Method', 'text', 500),
    f('ratio', '抽查比例和频次', 'Ratio and frequency', 'text', 200),
    f('unit', '实施机构', 'Carried out by', 'text', 200),
  ],
  flowchart: [f('title', '流程名称', 'Title', 'text', 200), f('description', '说明', 'Description', 'optional', 1000)],
  'service-guide': [
    f('title', '事项名称', 'Title', 'text', 200),
    f('basis', '设定依据', 'Legal basis', 'long', 4000),
    f('conditions', '申请条件', 'Conditions', 'long', 4000),
    f('materials', '申请材料', 'Materials', 'lines', 500),
    f('procedure', '办理流程', 'Procedure', 'long', 4000),
    f('timeLimit', '办理时限', 'Time limit', 'text', 200),
    f('fee', '收费标准', 'Fees', 'text', 200),
    f('place', '办理地点', 'Where', 'text', 200),
    f('contact', '咨询电话', 'Enquiries', 'text', 200),
  ],
  channel: [
    f('name', '渠道名称', 'Name', 'text', 200),
    f('kind', '类别', 'Kind', 'enum', 32, { options: CHANNEL_KINDS, optionLabels: CHANNEL_KIND_LABELS }),
    f('contact', '联系方式', 'Contact', 'text', 200),
    f('address', '地址', 'Address', 'optional', 200),
    f('hours', '受理时间', 'Hours', 'optional', 200),
    f('description', '说明', 'Description', 'optional', 1000),
  ],
};

/** Kinds whose items carry a `code` (unique per agency and kind): the 事项编码 of a list. */
export const CODED_KINDS: readonly DisclosureKind[] = ['power', 'inspection-item'];

/** The title an item is listed under. */
export function disclosureTitle(kind: DisclosureKind, content: DisclosureContent): string {
  switch (kind) {
    case 'profile':
      return '机关简介';
    case 'power':
    case 'inspection-item':
      return (content as PowerContent | InspectionItemContent).name;
    case 'flowchart':
    case 'service-guide':
      return (content as FlowchartContent | ServiceGuideContent).title;
    case 'channel':
      return (content as ChannelContent).name;
  }
}

/** The item's code: the 事项编码 of coded kinds, 'profile' for the one profile of an agency, else null. */
export function disclosureCode(kind: DisclosureKind, content: DisclosureContent): string | null {
  if (kind === 'profile') return 'profile';
  if (CODED_KINDS.includes(kind)) return (content as PowerContent).code;
  return null;
}

// ---- the console's view ------------------------------------------------------------------------

/** Where an item stands: never published (with a draft), published (maybe with a new draft), removed from publication. */
export type DisclosureStatus = 'unpublished' | 'published' | 'removed' | 'discarded';
export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, { zh: string; en: string }> = {
  unpublished: { zh: '未公开', en: 'Not published' },
  published: { zh: '已公开', en: 'Published' },
  removed: { zh: '已撤下', en: 'Removed' },
  discarded: { zh: '已放弃', en: 'Discarded' },
};
export type DraftState = 'draft' | 'in-review';
export const DRAFT_STATE_LABELS: Record<DraftState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  'in-review': { zh: '待审核', en: 'In review' },
};

export interface Person {
  id: string;
  name: string;
}

/** The pending change of an item: new content, or removal from publication. */
export interface DisclosureDraft {
  state: DraftState;
  /** null: the draft removes the item from publication. */
  content: DisclosureContent | null;
  removal: boolean;
  note: string | null;
  revision: number;
  /** Everyone who wrote or submitted this draft: none of them may publish it. */
  authors: Person[];
  /** Why the reviewer sent it back, if it was. */
  returnReason: string | null;
  updatedAt: string;
}

/** One published version — what the public saw from `publishedAt` until the next one. */
export interface DisclosureVersion {
  version: number;
  title: string;
  /** null when this version removed the item from publication. */
  content: DisclosureContent | null;
  removal: boolean;
  note: string | null;
  publishedAt: string;
}

export interface DisclosureVersionDetail extends DisclosureVersion {
  draftedBy: Person[];
  publishedBy: Person;
}

export interface DisclosureItem {
  id: string;
  agencyId: string;
  kind: DisclosureKind;
  code: string | null;
  title: string;
  status: DisclosureStatus;
  publishedVersion: number;
  draftState: DraftState | null;
  /** Record version (If-Match). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface DisclosureDetail extends DisclosureItem {
  /** The published content in force (null if never published or removed). */
  published: DisclosureContent | null;
  draft: DisclosureDraft | null;
  versions: DisclosureVersionDetail[];
}

export interface NewDisclosure {
  agencyId: string;
  kind: DisclosureKind;
  content: DisclosureContent;
  note?: string | null;
}

export interface DisclosureDraftInput {
  content: DisclosureContent;
  note?: string | null;
}

export interface DisclosureImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

// ---- the public view -------------------------------------------------------------------------------

/** A published item as the portal lists it (the version in force). */
export interface PublicDisclosure {
  id: string;
  kind: DisclosureKind;
  title: string;
  version: number;
  content: DisclosureContent;
  publishedAt: string;
}

/** One item's full public history (oldest first), removals included. */
export interface PublicDisclosureHistory {
  id: string;
  agencyId: string;
  kind: DisclosureKind;
  current: PublicDisclosure | null;
  versions: DisclosureVersion[];
}

/** A line of a list's change log: which item changed, when, to which version. */
export interface PublicDisclosureChange {
  itemId: string;
  kind: DisclosureKind;
  title: string;
  version: number;
  removal: boolean;
  note: string | null;
  publishedAt: string;
}

/** The agency's profile page: who the agency is, its 内设机构, its published profile. */
export interface PublicAgencyProfile {
  agency: { id: string; name: string; creditCode: string | null; parentName: string | null };
  units: string[];
  profile: PublicDisclosure | null;
}

/**
 * One member of the published staff list — exactly these fields (118号 item 四: name, unit,
 * post, 执法种类, certificate number, status); nothing else personal.
 */
export interface PublicStaffMember {
  name: string;
  unit: string | null;
  post: string | null;
  fields: string[];
  certificateNo: string;
  status: 'valid' | 'not-yet-valid' | 'expired' | 'suspended' | 'revoked';
}
export const PUBLIC_STAFF_KEYS = ['name', 'unit', 'post', 'fields', 'certificateNo', 'status'] as const;

/** A published discretion benchmark (《行政处罚法》第三十四条). */
export interface PublicBenchmark {
  code: string;
  field: string;
  violation: string;
  legalBasis: string;
  penaltyBasis: string;
  levels: { name: string; circumstances: string; standard: string }[];
}

/** A rule of the legal-review catalog in force today (《行政处罚法》第五十八条). */
export interface PublicCatalogRule {
  label: string;
  description: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  version: number;
}

// ---- 事前公开's derived lists and their public history (历史版本) ----
// 执法人员名单, 裁量基准, 法制审核目录 and 内设机构 are not disclosure items: they are read live from their
// own modules, and their history is folded from those modules' ledger events
// (src/modules/publicity/disclosures.rules.ts).

/** The derived lists of 事前公开 (the rest are disclosure items, with their own version history). */
export type DerivedList = 'staff' | 'benchmarks' | 'catalog' | 'profile';

/**
 * What happened to an entry: added (新增), changed (变更), certificate suspended / reinstated /
 * revoked / renewed (暂扣、恢复、吊销、换发), removed from the list (不再列入), retired (废止).
 */
export type ListChangeKind = 'added' | 'changed' | 'suspended' | 'reinstated' | 'revoked' | 'renewed' | 'removed' | 'retired';

/** 内设机构 or the agency itself, as the profile list's history shows them. */
export interface PublicProfileEntry {
  kind: 'agency' | 'unit';
  name: string;
  /** 统一社会信用代码 (the agency only). */
  creditCode: string | null;
  /** 上级机关 (the agency only). */
  parentName: string | null;
}

/** An entry of each derived list, as its history shows it. */
export interface ListEntryOf {
  staff: PublicStaffMember;
  benchmarks: PublicBenchmark;
  catalog: PublicCatalogRule;
  profile: PublicProfileEntry;
}

/** Each derived list as the portal shows it (today, or as it stood on a date). */
export interface DerivedListOf {
  staff: PublicStaffMember[];
  benchmarks: PublicBenchmark[];
  catalog: PublicCatalogRule[];
  profile: PublicAgencyProfile;
}

/** One change of a derived list (历史版本): when, what kind, the entry after it (the last public form once removed), and the public fields it changed with their earlier values. */
export interface ListChange<T> {
  /** The event's time (ISO-8601). */
  at: string;
  change: ListChangeKind;
  /** 第 n 版 of a benchmark (one per change) or of a catalog rule; null for staff and units. */
  version: number | null;
  entry: T;
  /** The public fields that changed (empty for added / removed). */
  changed: string[];
  /** Their values before the change. */
  before: Partial<T> | null;
  /** The published reason of a benchmark or catalog change (修改说明); never an officer's status reason. */
  reason: string | null;
}

/** A page of a derived list's history, newest first. */
export interface ListHistoryPage<T> {
  items: ListChange<T>[];
  next: string | null;
}
