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
  'version-mismatch': { zh: '数据已被他人修改，请刷新后重试', en: 'Changed by someone else; reload and try again' },
  'precondition-required': { zh: '修改时须携带版本号（If-Match）', en: 'If-Match is required for this change' },
  unauthenticated: { zh: '请先登录', en: 'Please log in' },
  'invalid-credentials': { zh: '用户名或密码错误', en: 'Wrong username or password' },
  'account-locked': { zh: '登录失败次数过多，账号已暂时锁定，请稍后再试', en: 'Too many failed logins; the account is locked for a while' },
  'account-disabled': { zh: '账号已停用', en: 'The account is disabled' },
  'csrf-token-invalid': { zh: '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  forbidden: { zh: '无权执行此操作', en: 'You may not do this' },
  'internal-error': { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** The body of every error response. */
export interface ApiError {
  code: ErrorCode | (string & {});
  message: string;
  details?: Record<string, unknown>;
}
