/**
 * The bundled examples: the nine portal workflows clinics run (see README.md), the role catalog
 * and the clinic calendar, with the simulation scripts that walk every outcome of each workflow.
 *
 * Everything is plain JSON imported statically, so bundlers and Node load the same data. Values are
 * typed loosely on purpose: the engine's parser (`parseDefinition`, `parseScript`) validates them.
 *
 * When you add a script file, import it below and list it under its workflow.
 */
import { fileURLToPath } from 'node:url';
import clinicCalendarJson from './calendar.json' with { type: 'json' };
import rolesJson from './roles.json' with { type: 'json' };
import apptFollowUpConfirmedAsRequested from './scripts/appointment-request/follow-up-confirmed-as-requested.json' with {
  type: 'json',
};
import apptMoleRemovalProviderApprovesNurseSendsPrep from './scripts/appointment-request/mole-removal-provider-approves-nurse-sends-prep.json' with {
  type: 'json',
};
import apptNewProblemOfferedOtherTimesPatientPicksOne from './scripts/appointment-request/new-problem-offered-other-times-patient-picks-one.json' with {
  type: 'json',
};
import apptPatientNeverAnswersHeldSlotsReleased from './scripts/appointment-request/patient-never-answers-held-slots-released.json' with {
  type: 'json',
};
import apptPatientWantsAnotherTimeThenCancels from './scripts/appointment-request/patient-wants-another-time-then-cancels.json' with {
  type: 'json',
};
import apptProviderApprovalOverdueMedicalDirectorDeclines from './scripts/appointment-request/provider-approval-overdue-medical-director-declines.json' with {
  type: 'json',
};
import apptProviderDeclinesWrongSpecialty from './scripts/appointment-request/provider-declines-wrong-specialty.json' with {
  type: 'json',
};
import apptProviderSuggestsTelehealthTimeInstead from './scripts/appointment-request/provider-suggests-telehealth-time-instead.json' with {
  type: 'json',
};
import apptSlotOfferOverdueSupervisorSendsTimes from './scripts/appointment-request/slot-offer-overdue-supervisor-sends-times.json' with {
  type: 'json',
};
import apptSpecialistRequestDeclinedNeedsReferral from './scripts/appointment-request/specialist-request-declined-needs-referral.json' with {
  type: 'json',
};
import apptUnworkedRequestFallsBackToNamedProvider from './scripts/appointment-request/unworked-request-falls-back-to-named-provider.json' with {
  type: 'json',
};
import billingBalanceIsPatientsPaidInFull from './scripts/billing-question/balance-is-patients-paid-in-full.json' with {
  type: 'json',
};
import billingDeductibleBalancePatientDeclinesPlan from './scripts/billing-question/deductible-balance-patient-declines-plan.json' with {
  type: 'json',
};
import billingDeniedClaimResubmittedAndPaid from './scripts/billing-question/denied-claim-resubmitted-and-paid.json' with {
  type: 'json',
};
import billingDueDateQuestionAnsweredAtDesk from './scripts/billing-question/due-date-question-answered-at-desk.json' with {
  type: 'json',
};
import billingFinancialAssistanceSlidingFeeApproved from './scripts/billing-question/financial-assistance-sliding-fee-approved.json' with {
  type: 'json',
};
import billingFrontDeskBacklogSupervisorSendsStatement from './scripts/billing-question/front-desk-backlog-supervisor-sends-statement.json' with {
  type: 'json',
};
import billingItemizedStatementCopySentByFrontDesk from './scripts/billing-question/itemized-statement-copy-sent-by-front-desk.json' with {
  type: 'json',
};
import billingMonthEndBacklogBillingSupervisorStepsIn from './scripts/billing-question/month-end-backlog-billing-supervisor-steps-in.json' with {
  type: 'json',
};
import billingPayerSilentClaimDeniedAgainPaymentPlan from './scripts/billing-question/payer-silent-claim-denied-again-payment-plan.json' with {
  type: 'json',
};
import billingPayerSilentClaimPaidAfterCall from './scripts/billing-question/payer-silent-claim-paid-after-call.json' with {
  type: 'json',
};
import billingPaymentPlanRequestedSetUp from './scripts/billing-question/payment-plan-requested-set-up.json' with {
  type: 'json',
};
import billingWrongGuarantorCorrectedChargeAdjustedOff from './scripts/billing-question/wrong-guarantor-corrected-charge-adjusted-off.json' with {
  type: 'json',
};
import enrollBusyClinicDaySupervisorCoversEnrollment from './scripts/enrollment-activation/busy-clinic-day-supervisor-covers-enrollment.json' with {
  type: 'json',
};
import enrollCheckInPatientWithEmailActivatesSameDay from './scripts/enrollment-activation/check-in-patient-with-email-activates-same-day.json' with {
  type: 'json',
};
import enrollCodeExpiresInSpamReissuedThenActivated from './scripts/enrollment-activation/code-expires-in-spam-reissued-then-activated.json' with {
  type: 'json',
};
import enrollExistingAccountConnectedWithToken from './scripts/enrollment-activation/existing-account-connected-with-token.json' with {
  type: 'json',
};
import enrollItTicketStallsItLeadFixesLink from './scripts/enrollment-activation/it-ticket-stalls-it-lead-fixes-link.json' with {
  type: 'json',
};
import enrollLinkingErrorFixedByIt from './scripts/enrollment-activation/linking-error-fixed-by-it.json' with {
  type: 'json',
};
import enrollLinkingImpossibleStandaloneInviteSent from './scripts/enrollment-activation/linking-impossible-standalone-invite-sent.json' with {
  type: 'json',
};
import enrollNewEmailBouncesPatientGivesUp from './scripts/enrollment-activation/new-email-bounces-patient-gives-up.json' with {
  type: 'json',
};
import enrollNoEmailFrontDeskPrintsActivationLetter from './scripts/enrollment-activation/no-email-front-desk-prints-activation-letter.json' with {
  type: 'json',
};
import enrollPatientDeclinesNoDevice from './scripts/enrollment-activation/patient-declines-no-device.json' with {
  type: 'json',
};
import enrollPrintedCodeExpiresPatientChangesMind from './scripts/enrollment-activation/printed-code-expires-patient-changes-mind.json' with {
  type: 'json',
};
import labAbnormalA1cNurseBooksFollowUp from './scripts/lab-result-release/abnormal-a1c-nurse-books-follow-up.json' with {
  type: 'json',
};
import labBiopsyHeldUntilProviderDiscussesIt from './scripts/lab-result-release/biopsy-held-until-provider-discusses-it.json' with {
  type: 'json',
};
import labCriticalPotassiumPatientSentToEmergency from './scripts/lab-result-release/critical-potassium-patient-sent-to-emergency.json' with {
  type: 'json',
};
import labCriticalValueUnansweredMedicalDirectorCalls from './scripts/lab-result-release/critical-value-unanswered-medical-director-calls.json' with {
  type: 'json',
};
import labHeldResultReleasedAfterThreeBusinessDays from './scripts/lab-result-release/held-result-released-after-three-business-days.json' with {
  type: 'json',
};
import labHoldRequestedProviderReleasesAtOnce from './scripts/lab-result-release/hold-requested-provider-releases-at-once.json' with {
  type: 'json',
};
import labMildlyAbnormalVitaminDCommentOnly from './scripts/lab-result-release/mildly-abnormal-vitamin-d-comment-only.json' with {
  type: 'json',
};
import labMisfileFixLateAbnormalReviewLate from './scripts/lab-result-release/misfile-fix-late-abnormal-review-late.json' with {
  type: 'json',
};
import labMisfiledResultMovedToRightChart from './scripts/lab-result-release/misfiled-result-moved-to-right-chart.json' with {
  type: 'json',
};
import labNormalCholesterolReleasedAndExplained from './scripts/lab-result-release/normal-cholesterol-released-and-explained.json' with {
  type: 'json',
};
import labProviderNeverDecidesOnHoldResultReleasedNextDay from './scripts/lab-result-release/provider-never-decides-on-hold-result-released-next-day.json' with {
  type: 'json',
};
import labShortStaffedDayEverythingEscalates from './scripts/lab-result-release/short-staffed-day-everything-escalates.json' with {
  type: 'json',
};
import resetAppErrorFixedByIt from './scripts/password-reset/app-error-fixed-by-it.json' with {
  type: 'json',
};
import resetBusyMorningSupervisorVerifiesCaller from './scripts/password-reset/busy-morning-supervisor-verifies-caller.json' with {
  type: 'json',
};
import resetCallerNeverComesInClosedUnverified from './scripts/password-reset/caller-never-comes-in-closed-unverified.json' with {
  type: 'json',
};
import resetCallerNotVerifiedComesInWithPhotoId from './scripts/password-reset/caller-not-verified-comes-in-with-photo-id.json' with {
  type: 'json',
};
import resetExpiredActivationCodeHandedToEnrollment from './scripts/password-reset/expired-activation-code-handed-to-enrollment.json' with {
  type: 'json',
};
import resetForgotUsernameSolvedOnTheCall from './scripts/password-reset/forgot-username-solved-on-the-call.json' with {
  type: 'json',
};
import resetItSendsIdentityCheckBackToFrontDesk from './scripts/password-reset/it-sends-identity-check-back-to-front-desk.json' with {
  type: 'json',
};
import resetItTicketOverdueItLeadFixes from './scripts/password-reset/it-ticket-overdue-it-lead-fixes.json' with {
  type: 'json',
};
import resetLockedOutAgainAfterResetPatientGivesUp from './scripts/password-reset/locked-out-again-after-reset-patient-gives-up.json' with {
  type: 'json',
};
import resetLockedOutVerifiedByPhoneSignsIn from './scripts/password-reset/locked-out-verified-by-phone-signs-in.json' with {
  type: 'json',
};
import resetNoSignInAfterResetFrontDeskCalls from './scripts/password-reset/no-sign-in-after-reset-front-desk-calls.json' with {
  type: 'json',
};
import triageBillingMessageForwarded from './scripts/portal-message-triage/billing-message-forwarded.json' with {
  type: 'json',
};
import triageBloodPressureQuestionNurseAnswers from './scripts/portal-message-triage/blood-pressure-question-nurse-answers.json' with {
  type: 'json',
};
import triageChestPainNurseReachesPatient from './scripts/portal-message-triage/chest-pain-nurse-reaches-patient.json' with {
  type: 'json',
};
import triageFormRequestOverdueNurseManagerReplies from './scripts/portal-message-triage/form-request-overdue-nurse-manager-replies.json' with {
  type: 'json',
};
import triageLabQuestionPatientRepliesProviderBooksVisit from './scripts/portal-message-triage/lab-question-patient-replies-provider-books-visit.json' with {
  type: 'json',
};
import triageProviderAwayMedicalDirectorReplies from './scripts/portal-message-triage/provider-away-medical-director-replies.json' with {
  type: 'json',
};
import triageRedFlagCallNurseGetsProviderToReply from './scripts/portal-message-triage/red-flag-call-nurse-gets-provider-to-reply.json' with {
  type: 'json',
};
import triageRedFlagCallOverdueNurseManagerSendsToEr from './scripts/portal-message-triage/red-flag-call-overdue-nurse-manager-sends-to-er.json' with {
  type: 'json',
};
import triageReferralQuestionPatientNeverAnswers from './scripts/portal-message-triage/referral-question-patient-never-answers.json' with {
  type: 'json',
};
import triageRefillMessageForwardedToRefills from './scripts/portal-message-triage/refill-message-forwarded-to-refills.json' with {
  type: 'json',
};
import triageSchedulingMessageForwarded from './scripts/portal-message-triage/scheduling-message-forwarded.json' with {
  type: 'json',
};
import triageSchoolFormMedicalAssistantReplies from './scripts/portal-message-triage/school-form-medical-assistant-replies.json' with {
  type: 'json',
};
import triageThankYouNoteNeedsNoReply from './scripts/portal-message-triage/thank-you-note-needs-no-reply.json' with {
  type: 'json',
};
import triageUnsortedMessageNurseManagerSortsAndAnswers from './scripts/portal-message-triage/unsorted-message-nurse-manager-sorts-and-answers.json' with {
  type: 'json',
};
import refillBloodPressureRefillApprovedUnderStandingOrder from './scripts/prescription-refill/blood-pressure-refill-approved-under-standing-order.json' with {
  type: 'json',
};
import refillBridgeVisitUnbookedSupervisorBooks from './scripts/prescription-refill/bridge-visit-unbooked-supervisor-books.json' with {
  type: 'json',
};
import refillBusyMondayNurseManagerCoversRefills from './scripts/prescription-refill/busy-monday-nurse-manager-covers-refills.json' with {
  type: 'json',
};
import refillDuplicatePharmacyRequestClosed from './scripts/prescription-refill/duplicate-pharmacy-request-closed.json' with {
  type: 'json',
};
import refillLabsOverdueThenApprovedAfterPriorAuth from './scripts/prescription-refill/labs-overdue-then-approved-after-prior-auth.json' with {
  type: 'json',
};
import refillOverdueVisitDeniedUntilSeen from './scripts/prescription-refill/overdue-visit-denied-until-seen.json' with {
  type: 'json',
};
import refillOverdueVisitNurseBridgesAndVisitBooked from './scripts/prescription-refill/overdue-visit-nurse-bridges-and-visit-booked.json' with {
  type: 'json',
};
import refillOverdueVisitProviderBridgesPatientWillCall from './scripts/prescription-refill/overdue-visit-provider-bridges-patient-will-call.json' with {
  type: 'json',
};
import refillPayerSilentCoordinatorCallsApproved from './scripts/prescription-refill/payer-silent-coordinator-calls-approved.json' with {
  type: 'json',
};
import refillPayerSilentThenDeniedNoAlternative from './scripts/prescription-refill/payer-silent-then-denied-no-alternative.json' with {
  type: 'json',
};
import refillPriorAuthDeniedProviderPicksCoveredAlternative from './scripts/prescription-refill/prior-auth-denied-provider-picks-covered-alternative.json' with {
  type: 'json',
};
import refillProviderOutMedicalDirectorDecidesControlledRefill from './scripts/prescription-refill/provider-out-medical-director-decides-controlled-refill.json' with {
  type: 'json',
};
import refillStandingOrderNurseSeesSideEffectRoutesToProvider from './scripts/prescription-refill/standing-order-nurse-sees-side-effect-routes-to-provider.json' with {
  type: 'json',
};
import refillStimulantRefillDeniedByProvider from './scripts/prescription-refill/stimulant-refill-denied-by-provider.json' with {
  type: 'json',
};
import proxyAdultAuthorizationAndDenialNoticeOverdue from './scripts/proxy-access/adult-authorization-and-denial-notice-overdue.json' with {
  type: 'json',
};
import proxyAdultCaregiverRenewedOnceThenLapses from './scripts/proxy-access/adult-caregiver-renewed-once-then-lapses.json' with {
  type: 'json',
};
import proxyBusyWeekSupervisorsFinishGuardianRequest from './scripts/proxy-access/busy-week-supervisors-finish-guardian-request.json' with {
  type: 'json',
};
import proxyCosignatureCheckOverduePracticeManagerVerifies from './scripts/proxy-access/cosignature-check-overdue-practice-manager-verifies.json' with {
  type: 'json',
};
import proxyDocumentsNeverArriveRequestWithdrawn from './scripts/proxy-access/documents-never-arrive-request-withdrawn.json' with {
  type: 'json',
};
import proxyFosterChecksOverduePracticeManagerStepsIn from './scripts/proxy-access/foster-checks-overdue-practice-manager-steps-in.json' with {
  type: 'json',
};
import proxyFosterParentRecheckedYearlyUntilPlacementEnds from './scripts/proxy-access/foster-parent-rechecked-yearly-until-placement-ends.json' with {
  type: 'json',
};
import proxyFosterPlacementLetterNotVerified from './scripts/proxy-access/foster-placement-letter-not-verified.json' with {
  type: 'json',
};
import proxyGrandmotherGuardianshipOrderNotValid from './scripts/proxy-access/grandmother-guardianship-order-not-valid.json' with {
  type: 'json',
};
import proxyHealthcareAgentPatientDidNotAuthorize from './scripts/proxy-access/healthcare-agent-patient-did-not-authorize.json' with {
  type: 'json',
};
import proxyMotherOfEightYearOldFullAccessUntil18 from './scripts/proxy-access/mother-of-eight-year-old-full-access-until-18.json' with {
  type: 'json',
};
import proxyParentOfCollegeStudentAccessNotRenewed from './scripts/proxy-access/parent-of-college-student-access-not-renewed.json' with {
  type: 'json',
};
import proxyRequesterIdDoesNotMatchForm from './scripts/proxy-access/requester-id-does-not-match-form.json' with {
  type: 'json',
};
import proxyStepFatherBringsMissingCosignature from './scripts/proxy-access/step-father-brings-missing-cosignature.json' with {
  type: 'json',
};
import proxyTeenAgreesParentGetsPartialAccess from './scripts/proxy-access/teen-agrees-parent-gets-partial-access.json' with {
  type: 'json',
};
import proxyTeenAssentNotObtainedInTime from './scripts/proxy-access/teen-assent-not-obtained-in-time.json' with {
  type: 'json',
};
import proxyTeenDeclinesInPrivate from './scripts/proxy-access/teen-declines-in-private.json' with {
  type: 'json',
};
import urgentChestPainSentToErRecoveringOnMonday from './scripts/urgent-after-hours/chest-pain-sent-to-er-recovering-on-monday.json' with {
  type: 'json',
};
import urgentFridayEveningNurseLineGivesHomeCareAdvice from './scripts/urgent-after-hours/friday-evening-nurse-line-gives-home-care-advice.json' with {
  type: 'json',
};
import urgentMondayMessageProviderWantsSameDayVisit from './scripts/urgent-after-hours/monday-message-provider-wants-same-day-visit.json' with {
  type: 'json',
};
import urgentOnCallProviderCallsBackWithPlan from './scripts/urgent-after-hours/on-call-provider-calls-back-with-plan.json' with {
  type: 'json',
};
import urgentPatientCallsBackThenDeclinesVisit from './scripts/urgent-after-hours/patient-calls-back-then-declines-visit.json' with {
  type: 'json',
};
import urgentSecondCallOverdueMedicalDirectorGivesPlan from './scripts/urgent-after-hours/second-call-overdue-medical-director-gives-plan.json' with {
  type: 'json',
};
import urgentSecondCallReachesPatientAdmitted from './scripts/urgent-after-hours/second-call-reaches-patient-admitted.json' with {
  type: 'json',
};
import urgentTwoAttemptsThenStandardMessage from './scripts/urgent-after-hours/two-attempts-then-standard-message.json' with {
  type: 'json',
};
import urgentWeekendBacklogNurseManagerCallsSupervisorBooks from './scripts/urgent-after-hours/weekend-backlog-nurse-manager-calls-supervisor-books.json' with {
  type: 'json',
};
import appointmentRequest from './workflows/appointment-request.json' with { type: 'json' };
import billingQuestion from './workflows/billing-question.json' with { type: 'json' };
import enrollmentActivation from './workflows/enrollment-activation.json' with { type: 'json' };
import labResultRelease from './workflows/lab-result-release.json' with { type: 'json' };
import passwordReset from './workflows/password-reset.json' with { type: 'json' };
import portalMessageTriage from './workflows/portal-message-triage.json' with { type: 'json' };
import prescriptionRefill from './workflows/prescription-refill.json' with { type: 'json' };
import proxyAccess from './workflows/proxy-access.json' with { type: 'json' };
import urgentAfterHours from './workflows/urgent-after-hours.json' with { type: 'json' };

/** One role of the catalog: the lanes of the examples, with a job-description paragraph. */
export interface CatalogRole {
  id: string;
  name: string;
  department: string;
  description: string;
}

/** A simulation script: a story told as engine events (see DESIGN.md), named after the story. */
export interface ExampleScript {
  name: string;
  events: unknown[];
}

/** One example workflow: its definition (unvalidated JSON) and its scripts. */
export interface ExampleWorkflow {
  id: string;
  definition: unknown;
  scripts: ExampleScript[];
}

/** Absolute path of this folder (with a trailing slash), for tools that want the files themselves. */
export const examplesDir: string = fileURLToPath(new URL('./', import.meta.url));

/** Every role used by the examples, with its department and job description. */
export const roleCatalog: CatalogRole[] = rolesJson;

/** The clinic calendar the scripts are written for: Mountain time, weekdays 08:00–17:00, US federal holidays. */
export const clinicCalendar: unknown = clinicCalendarJson;

/** The nine workflows, in the order of CLINIC.md, each with its simulation scripts. */
export const workflows: ExampleWorkflow[] = [
  {
    id: 'portal-message-triage',
    definition: portalMessageTriage,
    scripts: [
      { name: 'billing-message-forwarded', events: triageBillingMessageForwarded },
      { name: 'blood-pressure-question-nurse-answers', events: triageBloodPressureQuestionNurseAnswers },
      { name: 'chest-pain-nurse-reaches-patient', events: triageChestPainNurseReachesPatient },
      {
        name: 'form-request-overdue-nurse-manager-replies',
        events: triageFormRequestOverdueNurseManagerReplies,
      },
      {
        name: 'lab-question-patient-replies-provider-books-visit',
        events: triageLabQuestionPatientRepliesProviderBooksVisit,
      },
      { name: 'provider-away-medical-director-replies', events: triageProviderAwayMedicalDirectorReplies },
      {
        name: 'red-flag-call-nurse-gets-provider-to-reply',
        events: triageRedFlagCallNurseGetsProviderToReply,
      },
      {
        name: 'red-flag-call-overdue-nurse-manager-sends-to-er',
        events: triageRedFlagCallOverdueNurseManagerSendsToEr,
      },
      { name: 'referral-question-patient-never-answers', events: triageReferralQuestionPatientNeverAnswers },
      { name: 'refill-message-forwarded-to-refills', events: triageRefillMessageForwardedToRefills },
      { name: 'scheduling-message-forwarded', events: triageSchedulingMessageForwarded },
      { name: 'school-form-medical-assistant-replies', events: triageSchoolFormMedicalAssistantReplies },
      { name: 'thank-you-note-needs-no-reply', events: triageThankYouNoteNeedsNoReply },
      {
        name: 'unsorted-message-nurse-manager-sorts-and-answers',
        events: triageUnsortedMessageNurseManagerSortsAndAnswers,
      },
    ],
  },
  {
    id: 'urgent-after-hours',
    definition: urgentAfterHours,
    scripts: [
      {
        name: 'chest-pain-sent-to-er-recovering-on-monday',
        events: urgentChestPainSentToErRecoveringOnMonday,
      },
      {
        name: 'friday-evening-nurse-line-gives-home-care-advice',
        events: urgentFridayEveningNurseLineGivesHomeCareAdvice,
      },
      {
        name: 'monday-message-provider-wants-same-day-visit',
        events: urgentMondayMessageProviderWantsSameDayVisit,
      },
      { name: 'on-call-provider-calls-back-with-plan', events: urgentOnCallProviderCallsBackWithPlan },
      { name: 'patient-calls-back-then-declines-visit', events: urgentPatientCallsBackThenDeclinesVisit },
      {
        name: 'second-call-overdue-medical-director-gives-plan',
        events: urgentSecondCallOverdueMedicalDirectorGivesPlan,
      },
      { name: 'second-call-reaches-patient-admitted', events: urgentSecondCallReachesPatientAdmitted },
      { name: 'two-attempts-then-standard-message', events: urgentTwoAttemptsThenStandardMessage },
      {
        name: 'weekend-backlog-nurse-manager-calls-supervisor-books',
        events: urgentWeekendBacklogNurseManagerCallsSupervisorBooks,
      },
    ],
  },
  {
    id: 'prescription-refill',
    definition: prescriptionRefill,
    scripts: [
      {
        name: 'blood-pressure-refill-approved-under-standing-order',
        events: refillBloodPressureRefillApprovedUnderStandingOrder,
      },
      { name: 'bridge-visit-unbooked-supervisor-books', events: refillBridgeVisitUnbookedSupervisorBooks },
      { name: 'busy-monday-nurse-manager-covers-refills', events: refillBusyMondayNurseManagerCoversRefills },
      { name: 'duplicate-pharmacy-request-closed', events: refillDuplicatePharmacyRequestClosed },
      {
        name: 'labs-overdue-then-approved-after-prior-auth',
        events: refillLabsOverdueThenApprovedAfterPriorAuth,
      },
      { name: 'overdue-visit-denied-until-seen', events: refillOverdueVisitDeniedUntilSeen },
      {
        name: 'overdue-visit-nurse-bridges-and-visit-booked',
        events: refillOverdueVisitNurseBridgesAndVisitBooked,
      },
      {
        name: 'overdue-visit-provider-bridges-patient-will-call',
        events: refillOverdueVisitProviderBridgesPatientWillCall,
      },
      { name: 'payer-silent-coordinator-calls-approved', events: refillPayerSilentCoordinatorCallsApproved },
      { name: 'payer-silent-then-denied-no-alternative', events: refillPayerSilentThenDeniedNoAlternative },
      {
        name: 'prior-auth-denied-provider-picks-covered-alternative',
        events: refillPriorAuthDeniedProviderPicksCoveredAlternative,
      },
      {
        name: 'provider-out-medical-director-decides-controlled-refill',
        events: refillProviderOutMedicalDirectorDecidesControlledRefill,
      },
      {
        name: 'standing-order-nurse-sees-side-effect-routes-to-provider',
        events: refillStandingOrderNurseSeesSideEffectRoutesToProvider,
      },
      { name: 'stimulant-refill-denied-by-provider', events: refillStimulantRefillDeniedByProvider },
    ],
  },
  {
    id: 'lab-result-release',
    definition: labResultRelease,
    scripts: [
      { name: 'abnormal-a1c-nurse-books-follow-up', events: labAbnormalA1cNurseBooksFollowUp },
      { name: 'biopsy-held-until-provider-discusses-it', events: labBiopsyHeldUntilProviderDiscussesIt },
      {
        name: 'critical-potassium-patient-sent-to-emergency',
        events: labCriticalPotassiumPatientSentToEmergency,
      },
      {
        name: 'critical-value-unanswered-medical-director-calls',
        events: labCriticalValueUnansweredMedicalDirectorCalls,
      },
      {
        name: 'held-result-released-after-three-business-days',
        events: labHeldResultReleasedAfterThreeBusinessDays,
      },
      { name: 'hold-requested-provider-releases-at-once', events: labHoldRequestedProviderReleasesAtOnce },
      { name: 'mildly-abnormal-vitamin-d-comment-only', events: labMildlyAbnormalVitaminDCommentOnly },
      { name: 'misfile-fix-late-abnormal-review-late', events: labMisfileFixLateAbnormalReviewLate },
      { name: 'misfiled-result-moved-to-right-chart', events: labMisfiledResultMovedToRightChart },
      { name: 'normal-cholesterol-released-and-explained', events: labNormalCholesterolReleasedAndExplained },
      {
        name: 'provider-never-decides-on-hold-result-released-next-day',
        events: labProviderNeverDecidesOnHoldResultReleasedNextDay,
      },
      { name: 'short-staffed-day-everything-escalates', events: labShortStaffedDayEverythingEscalates },
    ],
  },
  {
    id: 'proxy-access',
    definition: proxyAccess,
    scripts: [
      {
        name: 'adult-authorization-and-denial-notice-overdue',
        events: proxyAdultAuthorizationAndDenialNoticeOverdue,
      },
      { name: 'adult-caregiver-renewed-once-then-lapses', events: proxyAdultCaregiverRenewedOnceThenLapses },
      {
        name: 'busy-week-supervisors-finish-guardian-request',
        events: proxyBusyWeekSupervisorsFinishGuardianRequest,
      },
      {
        name: 'cosignature-check-overdue-practice-manager-verifies',
        events: proxyCosignatureCheckOverduePracticeManagerVerifies,
      },
      { name: 'documents-never-arrive-request-withdrawn', events: proxyDocumentsNeverArriveRequestWithdrawn },
      {
        name: 'foster-checks-overdue-practice-manager-steps-in',
        events: proxyFosterChecksOverduePracticeManagerStepsIn,
      },
      {
        name: 'foster-parent-rechecked-yearly-until-placement-ends',
        events: proxyFosterParentRecheckedYearlyUntilPlacementEnds,
      },
      { name: 'foster-placement-letter-not-verified', events: proxyFosterPlacementLetterNotVerified },
      { name: 'grandmother-guardianship-order-not-valid', events: proxyGrandmotherGuardianshipOrderNotValid },
      {
        name: 'healthcare-agent-patient-did-not-authorize',
        events: proxyHealthcareAgentPatientDidNotAuthorize,
      },
      {
        name: 'mother-of-eight-year-old-full-access-until-18',
        events: proxyMotherOfEightYearOldFullAccessUntil18,
      },
      {
        name: 'parent-of-college-student-access-not-renewed',
        events: proxyParentOfCollegeStudentAccessNotRenewed,
      },
      { name: 'requester-id-does-not-match-form', events: proxyRequesterIdDoesNotMatchForm },
      { name: 'step-father-brings-missing-cosignature', events: proxyStepFatherBringsMissingCosignature },
      { name: 'teen-agrees-parent-gets-partial-access', events: proxyTeenAgreesParentGetsPartialAccess },
      { name: 'teen-assent-not-obtained-in-time', events: proxyTeenAssentNotObtainedInTime },
      { name: 'teen-declines-in-private', events: proxyTeenDeclinesInPrivate },
    ],
  },
  {
    id: 'enrollment-activation',
    definition: enrollmentActivation,
    scripts: [
      {
        name: 'busy-clinic-day-supervisor-covers-enrollment',
        events: enrollBusyClinicDaySupervisorCoversEnrollment,
      },
      {
        name: 'check-in-patient-with-email-activates-same-day',
        events: enrollCheckInPatientWithEmailActivatesSameDay,
      },
      {
        name: 'code-expires-in-spam-reissued-then-activated',
        events: enrollCodeExpiresInSpamReissuedThenActivated,
      },
      { name: 'existing-account-connected-with-token', events: enrollExistingAccountConnectedWithToken },
      { name: 'it-ticket-stalls-it-lead-fixes-link', events: enrollItTicketStallsItLeadFixesLink },
      { name: 'linking-error-fixed-by-it', events: enrollLinkingErrorFixedByIt },
      {
        name: 'linking-impossible-standalone-invite-sent',
        events: enrollLinkingImpossibleStandaloneInviteSent,
      },
      { name: 'new-email-bounces-patient-gives-up', events: enrollNewEmailBouncesPatientGivesUp },
      {
        name: 'no-email-front-desk-prints-activation-letter',
        events: enrollNoEmailFrontDeskPrintsActivationLetter,
      },
      { name: 'patient-declines-no-device', events: enrollPatientDeclinesNoDevice },
      {
        name: 'printed-code-expires-patient-changes-mind',
        events: enrollPrintedCodeExpiresPatientChangesMind,
      },
    ],
  },
  {
    id: 'password-reset',
    definition: passwordReset,
    scripts: [
      { name: 'app-error-fixed-by-it', events: resetAppErrorFixedByIt },
      { name: 'busy-morning-supervisor-verifies-caller', events: resetBusyMorningSupervisorVerifiesCaller },
      { name: 'caller-never-comes-in-closed-unverified', events: resetCallerNeverComesInClosedUnverified },
      {
        name: 'caller-not-verified-comes-in-with-photo-id',
        events: resetCallerNotVerifiedComesInWithPhotoId,
      },
      {
        name: 'expired-activation-code-handed-to-enrollment',
        events: resetExpiredActivationCodeHandedToEnrollment,
      },
      { name: 'forgot-username-solved-on-the-call', events: resetForgotUsernameSolvedOnTheCall },
      {
        name: 'it-sends-identity-check-back-to-front-desk',
        events: resetItSendsIdentityCheckBackToFrontDesk,
      },
      { name: 'it-ticket-overdue-it-lead-fixes', events: resetItTicketOverdueItLeadFixes },
      {
        name: 'locked-out-again-after-reset-patient-gives-up',
        events: resetLockedOutAgainAfterResetPatientGivesUp,
      },
      { name: 'locked-out-verified-by-phone-signs-in', events: resetLockedOutVerifiedByPhoneSignsIn },
      { name: 'no-sign-in-after-reset-front-desk-calls', events: resetNoSignInAfterResetFrontDeskCalls },
    ],
  },
  {
    id: 'appointment-request',
    definition: appointmentRequest,
    scripts: [
      { name: 'follow-up-confirmed-as-requested', events: apptFollowUpConfirmedAsRequested },
      {
        name: 'mole-removal-provider-approves-nurse-sends-prep',
        events: apptMoleRemovalProviderApprovesNurseSendsPrep,
      },
      {
        name: 'new-problem-offered-other-times-patient-picks-one',
        events: apptNewProblemOfferedOtherTimesPatientPicksOne,
      },
      { name: 'patient-never-answers-held-slots-released', events: apptPatientNeverAnswersHeldSlotsReleased },
      { name: 'patient-wants-another-time-then-cancels', events: apptPatientWantsAnotherTimeThenCancels },
      {
        name: 'provider-approval-overdue-medical-director-declines',
        events: apptProviderApprovalOverdueMedicalDirectorDeclines,
      },
      { name: 'provider-declines-wrong-specialty', events: apptProviderDeclinesWrongSpecialty },
      {
        name: 'provider-suggests-telehealth-time-instead',
        events: apptProviderSuggestsTelehealthTimeInstead,
      },
      { name: 'slot-offer-overdue-supervisor-sends-times', events: apptSlotOfferOverdueSupervisorSendsTimes },
      {
        name: 'specialist-request-declined-needs-referral',
        events: apptSpecialistRequestDeclinedNeedsReferral,
      },
      {
        name: 'unworked-request-falls-back-to-named-provider',
        events: apptUnworkedRequestFallsBackToNamedProvider,
      },
    ],
  },
  {
    id: 'billing-question',
    definition: billingQuestion,
    scripts: [
      { name: 'balance-is-patients-paid-in-full', events: billingBalanceIsPatientsPaidInFull },
      {
        name: 'deductible-balance-patient-declines-plan',
        events: billingDeductibleBalancePatientDeclinesPlan,
      },
      { name: 'denied-claim-resubmitted-and-paid', events: billingDeniedClaimResubmittedAndPaid },
      { name: 'due-date-question-answered-at-desk', events: billingDueDateQuestionAnsweredAtDesk },
      {
        name: 'financial-assistance-sliding-fee-approved',
        events: billingFinancialAssistanceSlidingFeeApproved,
      },
      {
        name: 'front-desk-backlog-supervisor-sends-statement',
        events: billingFrontDeskBacklogSupervisorSendsStatement,
      },
      {
        name: 'itemized-statement-copy-sent-by-front-desk',
        events: billingItemizedStatementCopySentByFrontDesk,
      },
      {
        name: 'month-end-backlog-billing-supervisor-steps-in',
        events: billingMonthEndBacklogBillingSupervisorStepsIn,
      },
      {
        name: 'payer-silent-claim-denied-again-payment-plan',
        events: billingPayerSilentClaimDeniedAgainPaymentPlan,
      },
      { name: 'payer-silent-claim-paid-after-call', events: billingPayerSilentClaimPaidAfterCall },
      { name: 'payment-plan-requested-set-up', events: billingPaymentPlanRequestedSetUp },
      {
        name: 'wrong-guarantor-corrected-charge-adjusted-off',
        events: billingWrongGuarantorCorrectedChargeAdjustedOff,
      },
    ],
  },
];

/**
 * Clinic-made help videos for the demo: 6-second WebM slides (`refill-request.webm`, and
 * `refill-request.es.webm` with the words on screen in Spanish; made with
 * ffmpeg from a colour source and drawn text) with WebVTT captions in English and Spanish.
 */
export const helpMediaDir = fileURLToPath(new URL('./help-media/', import.meta.url));
