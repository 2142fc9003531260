/** The ten points of a legal review (国办发〔2018〕118号 item 十三; rules.md E), shared with the server. */
import { REVIEW_CHECKLIST } from '@shared/reviews.ts';

export { REVIEW_CHECKLIST };

/** Point numbers, 1–10. */
export const CHECKLIST_POINTS: readonly number[] = REVIEW_CHECKLIST.map((_, i) => i + 1);
