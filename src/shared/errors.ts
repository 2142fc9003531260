/**
 * Stable API error codes with their user-facing messages. The server sends `{code, message,
 * details}` with the Chinese message; the web app looks the code up here to show it in the
 * user's language. Every code the server can emit is listed, so the UI never shows a raw code.
 */
export const ERROR_MESSAGES = {
  'validation-failed': { zh: '请求内容不符合要求', en: 'The request is not valid' },
  'malformed-json': { zh: '请求体不是合法的 JSON', en: 'The request body is not valid JSON' },
  'unsupported-media-type': { zh: '不支持的请求内容类型', en: 'Unsupported content type' },
  'payload-too-large': { zh: '请求内容过大', en: 'The request is too large' },
  'bad-request': { zh: '请求不合法', en: 'Bad request' },
  'route-not-found': { zh: '接口不存在', en: 'No such API route' },
  'not-found': { zh: '对象不存在', en: 'Not found' },
  'agency-code-taken': { zh: '机构编码已被使用', en: 'The agency code is already in use' },
  'unit-name-taken': { zh: '该机构已有同名内设机构', en: 'The agency already has a unit of that name' },
  'agency-tree-cycle': { zh: '上级机构不能是本机构或其下级机构', en: 'An agency cannot be placed under itself or its own subordinate' },
  'parent-agency-not-found': { zh: '上级机构不存在', en: 'The parent agency does not exist' },
  conflict: { zh: '数据已被他人同时修改或创建，请刷新后重试', en: 'Someone else changed or created this at the same time; reload and try again' },
  'reason-required': { zh: '此项修改须填写原因', en: 'This change needs a reason' },
  'version-mismatch': { zh: '数据已被他人修改，请刷新后重试', en: 'Changed by someone else; reload and try again' },
  'precondition-required': { zh: '修改时须携带版本号（If-Match）', en: 'If-Match is required for this change' },
  unauthenticated: { zh: '请先登录', en: 'Please log in' },
  'invalid-credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'account-locked': { zh: '登录失败次数过多，账号已暂时锁定，请稍后再试', en: 'Too many failed logins; the account is locked for a while' },
  'account-disabled': { zh: '账号已停用', en: 'The account is disabled' },
  'csrf-token-invalid': { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  forbidden: { zh: '无权执行此操作', en: 'You may not do this' },
  'username-taken': { zh: '用户名已被使用', en: 'The username is taken' },
  'weak-password': { zh: '密码强度不足（至少 8 位，须含字母和数字）', en: 'The password is too weak (8+ characters, letters and digits)' },
  'invalid-grant': { zh: '角色授予不合法', en: 'Invalid role grant' },
  'unit-not-in-agency': { zh: '内设机构不属于该机构', en: 'The unit does not belong to that agency' },
  'cannot-change-own-access': { zh: '不能停用自己的账号或修改自己的角色', en: 'You cannot disable yourself or change your own roles' },
  'certificate-required': { zh: '执法人员须填写执法证号、有效期和执法种类', en: 'Officers need a certificate number, validity and fields' },
  'auxiliary-has-certificate': { zh: '辅助人员不持有执法证', en: 'Auxiliary staff hold no certificate' },
  'invalid-validity': { zh: '有效期截止日期不能早于起始日期', en: 'The validity ends before it starts' },
  'certificate-no-taken': { zh: '执法证号已被登记', en: 'The certificate number is already registered' },
  'officer-user-taken': { zh: '该用户已关联其他执法人员', en: 'The user is already linked to another officer' },
  'officer-user-other-agency': { zh: '关联的用户不属于该机构', en: 'The linked user does not belong to that agency' },
  'officer-invalid-state': { zh: '执法证当前状态不允许此操作', en: 'Not allowed in the certificate\'s current state' },
  'officer-not-certified': { zh: '辅助人员或未持证人员不得独立执法（《行政处罚法》第四十二条）', en: 'Auxiliary or uncertified staff may not act alone (Art 42)' },
  'certificate-revoked': { zh: '执法证已被吊销（《行政处罚法》第四十二条）', en: 'The certificate is revoked (Art 42)' },
  'certificate-suspended': { zh: '执法证已被暂扣（《行政处罚法》第四十二条）', en: 'The certificate is suspended (Art 42)' },
  'certificate-expired': { zh: '执法证已过期（《行政处罚法》第四十二条）', en: 'The certificate has expired (Art 42)' },
  'certificate-not-yet-valid': { zh: '执法证尚未生效（《行政处罚法》第四十二条）', en: 'The certificate is not yet valid (Art 42)' },
  'certificate-field-mismatch': { zh: '执法证的执法种类不含该领域（《行政处罚法》第四十二条、第五十五条）', en: 'The certificate does not cover this field (Arts 42, 55)' },
  'two-officers-required': { zh: '执法人员不得少于两人（《行政处罚法》第四十二条）', en: 'At least two certified officers are required (Art 42)' },
  'reviewer-not-qualified': { zh: '未登记法律职业资格，不得从事法制审核（《行政处罚法》第五十八条）', en: 'No legal professional qualification recorded (Art 58)' },
  'import-invalid': { zh: '导入文件有错误，未导入任何数据', en: 'The file has errors; nothing was imported' },
  'crypto-profile-fixed': { zh: '平台的密码方案在创建时已确定，不能更改', en: 'The platform\'s cryptography was fixed at creation and cannot change' },
  'history-inconsistent': { zh: '记录与此前签名的检查点不一致，拒绝签名', en: 'The record no longer extends the last signed checkpoint; refusing to sign' },
  'log-empty': { zh: '日志还没有事件，无需签发检查点', en: 'The log has no events yet' },
  'checkpoint-key-mismatch': { zh: '本机的检查点签名密钥不是平台创建时记录的密钥', en: 'This machine\'s checkpoint key is not the one the platform was created with' },
  'internal-error': { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The body of every error response. */
export interface ApiError {
  code: ErrorCode | (string & {});
  message: string;
  details?: Record<string, unknown>;
}
