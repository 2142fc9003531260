import type { Audience } from './session.ts';

/**
 * Who may open each console area, in the server policy's actions. The menu and the pages read
 * the same table so a page never appears in the menu of someone it then refuses, and neither
 * disagrees with what the API allows.
 */
export const AUDIENCES = {
  dashboard: 'all',
  // Penalty cases: reading lists and files; registering a clue or an on-the-spot penalty is handling.
  cases: ['case.read'],
  caseHandle: ['case.handle'],
  // The agency tree is an administration and oversight page; everyone else knows their agency.
  agencies: ['unit.manage', 'user.read'],
  users: ['user.read'],
  officers: ['officer.read'],
  // The table is read by everyone who proposes, reviews or decides penalties; editing is checked per entry.
  benchmarks: ['benchmark.read'],
  // 法制审核目录: read by everyone whose proposals it gates; edited by the head of legal review, checked per rule.
  reviewCatalog: ['review.catalog.read'],
  // 法制审核 inbox: the reviewers, the head of legal review who assigns them, and the external
  // legal adviser, whose inbox is the rounds it co-reviews (the server lists only those).
  reviewInbox: ['case.review', 'review.assign', 'review.co-review'],
  // One review round: whoever reads the case, and its co-reviewing adviser (the server checks which case).
  reviewWorkspace: ['case.read', 'review.co-review'],
  // Review statistics: read where one reviews (the server's stats routes need case.review).
  reviewStats: ['case.review'],
  // 法制审核设置 (time limit, reviewer outside the handling unit): the head of legal review's (PUT review-settings needs review.assign).
  reviewSettings: ['review.assign'],
  // One calendar for the whole platform; only its admin enters or corrects a year.
  calendar: ['calendar.manage'],
  // 对外推送: the delivery log of the feed to the city's platform (platform admin; agency admins for their own items).
  feed: ['feed.read'],
  // 公示管理 (事后公开): editors and approvers of the agency; the supervisor reads (overdue items flagged).
  publicity: ['publicity.read'],
} as const satisfies Record<string, Audience>;
