/**
 * Roles of the platform (DESIGN "Agencies and roles"). Shared by server and web so that a role
 * the UI forgets is a type error, not a silent gap.
 */
export const ROLES = [
  'platform-admin',
  'agency-admin',
  'officer',
  'unit-head',
  'agency-head',
  'legal-reviewer',
  'legal-review-head',
  'legal-adviser',
  'publicity-editor',
  'supervisor',
] as const;

export type Role = (typeof ROLES)[number];

/** Display names, Chinese first. */
export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  'platform-admin': { zh: '系统管理员', en: 'Platform admin' },
  'agency-admin': { zh: '机构管理员', en: 'Agency admin' },
  officer: { zh: '执法人员', en: 'Officer' },
  'unit-head': { zh: '承办机构负责人', en: 'Unit head' },
  'agency-head': { zh: '机关负责人', en: 'Agency head' },
  'legal-reviewer': { zh: '法制审核人员', en: 'Legal reviewer' },
  'legal-review-head': { zh: '法制审核机构负责人', en: 'Head of legal review' },
  'legal-adviser': { zh: '法律顾问', en: 'External legal adviser' },
  'publicity-editor': { zh: '公示审核员', en: 'Publicity editor' },
  supervisor: { zh: '执法监督员', en: 'Supervisor' },
};

/** 执法种类 — enforcement fields a certificate may cover (a deployment may use others). */
export const ENFORCEMENT_FIELDS = ['文化市场', '文物', '旅游', '新闻出版', '广播电视', '体育', '市场监管'] as const;

/** Certificate status shown beside every officer. */
export const CERTIFICATE_STATUS_LABELS = {
  valid: { zh: '有效', en: 'Valid' },
  'not-yet-valid': { zh: '未生效', en: 'Not yet valid' },
  expired: { zh: '已过期', en: 'Expired' },
  suspended: { zh: '已暂扣', en: 'Suspended' },
  revoked: { zh: '已吊销', en: 'Revoked' },
  none: { zh: '辅助人员（无执法证）', en: 'Auxiliary (no certificate)' },
} as const;
