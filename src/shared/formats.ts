/**
 * Formats both ends check: the server in its request schemas and services, the console in its
 * forms (so a person hears about a mistake before sending). One definition each.
 */

/** 机构编码: names the agency's log (`sanxiang/<code>`); lower-case ASCII, digits, hyphens. */
export const AGENCY_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{1,31}$';

/** 统一社会信用代码 (GB 32100-2015): 18 characters, no I, O, S, V, Z. */
export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';

/** 用户名: letters, digits and . _ - */
export const USERNAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{1,63}$';

/** 密码强度: what is wrong with a password, or null if it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '密码须同时包含字母和数字';
  return null;
}
