import type { AssessmentScoring } from '../libs/assessment/assessment-scoring.service.js';
import type { AssessmentService } from '../libs/assessment/assessment.service.js';
import type { TargetAreas } from '../libs/domain/assessment.js';

export function assessmentActivities(assessments: AssessmentService, scoring: AssessmentScoring) {
  return {
    assessmentParticipants: (assessmentId: string) => assessments.participants(assessmentId),
    recordAssessmentTargets: (assessmentId: string, departmentId: string, round: number, areas: TargetAreas, filedBy: string) =>
      assessments.recordTargets(assessmentId, departmentId, round, areas, filedBy),
    reviewAssessmentTargets: (review: Parameters<AssessmentService['reviewTargets']>[0], idempotencyKey: string) =>
      assessments.reviewTargets(review, idempotencyKey),
    recordMidYearComment: (assessmentId: string, departmentId: string, comment: string, commentedBy: string) =>
      assessments.recordMidYearComment(assessmentId, departmentId, comment, commentedBy),
    recordAssessmentAppeal: (assessmentId: string, departmentId: string, reasons: string, filedBy: string) =>
      assessments.recordAppeal(assessmentId, departmentId, reasons, filedBy),
    decideAssessmentAppeal: (assessmentId: string, departmentId: string, decision: Parameters<AssessmentService['decideAppeal']>[2]) =>
      assessments.decideAppeal(assessmentId, departmentId, decision),
    /** One batch for every department: measure and store the mid-year snapshots. */
    takeMidYearSnapshots: (assessmentId: string) => scoring.takeMidYearSnapshots(assessmentId),
    /** One batch for every department: measure, score and store the year-end scorecards; opens the appeal window. */
    scoreAssessmentYearEnd: async (assessmentId: string) => ({ appealClosesAt: (await scoring.scoreYearEnd(assessmentId)).appealClosesAt }),
    publishAssessment: (assessmentId: string) => scoring.publish(assessmentId),
  };
}

export type AssessmentActivities = ReturnType<typeof assessmentActivities>;
