/**
 * Handoff notes in the demo's past week, keyed `workflow/story/step` (the step whose completion wrote
 * it): what one role told the next, as staff write them. Made-up patients, like all demo data.
 */
export const DEMO_HISTORY_NOTES: Record<string, string> = {
  'portal-message-triage/red-flag-call-nurse-gets-provider-to-reply/urgent-call':
    'Reached her at 10:40: no chest pain now, dizzy since the dose went up. Asks whether to keep taking it until she is seen.',
  'prescription-refill/overdue-visit-denied-until-seen/review-request':
    'Last visit 14 months ago and nothing booked. Pharmacy has faxed twice.',
  'prescription-refill/overdue-visit-provider-bridges-patient-will-call/overdue-visit':
    'Overdue for a visit but stable on this dose for three years; asking the provider about a bridge.',
  'lab-result-release/critical-potassium-patient-sent-to-emergency/verify-result':
    'Lab phoned the value in at 9:12; read back and logged. Cell phone is the best number.',
  'appointment-request/provider-declines-wrong-specialty/provider-approval':
    'This needs dermatology, not us. Please give the referral line number with the decline.',
  'enrollment-activation/linking-error-fixed-by-it/link-existing-account':
    'Linking fails with "account already bound": the old account still has her former email. Ticket to IT.',
  'billing-question/financial-assistance-sliding-fee-approved/log-question':
    'Lost his job two months ago and asks about the sliding fee. Household of three.',
  'proxy-access/grandmother-guardianship-order-not-valid/check-request':
    'Grandmother brought a court order; copy scanned to the request, her ID checked at the desk.',
  'password-reset/it-sends-identity-check-back-to-front-desk/it-ticket':
    'Cannot reset until the desk confirms identity: please check date of birth and address by phone.',
  // Today's handoffs, still open at the next role.
  'prescription-refill/standing-order-nurse-sees-side-effect-routes-to-provider/standing-order-refill':
    'Exact refill and on the standing order, but she has had stomach upset and loose stools for two weeks since the dose went up. She may need the extended-release form, which the standing order does not cover, so this one is yours.',
  'prescription-refill/stimulant-refill-denied-by-provider/review-request':
    'Controlled: last fill 28 days ago, state monitoring database checked, no early fills. Seen in the clinic within the year.',
  'lab-result-release/held-result-released-after-three-business-days/verify-result':
    'Flagged abnormal by the lab. The patient called this morning asking when it will post.',
  'portal-message-triage/lab-question-patient-replies-provider-books-visit/sort-message':
    'Asks what her slightly high liver numbers mean; no symptoms mentioned.',
  'billing-question/denied-claim-resubmitted-and-paid/log-question':
    'The statement says denied for a missing referral; he has the referral letter and can send a photo.',
  'proxy-access/foster-parent-rechecked-yearly-until-placement-ends/check-request':
    'Foster mother brought this month’s placement letter (scanned to the request); her ID checked at the desk.',
};
