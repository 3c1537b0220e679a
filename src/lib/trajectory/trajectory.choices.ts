/**
 * Ids of the choices and fixed lists of the trajectory. Their Russian words are in
 * trajectory.labels.ts.
 */

export const sphereIds = [
	'academic',
	'research',
	'olympiads',
	'projects',
	'creative',
	'personal'
] as const;
export type SphereId = (typeof sphereIds)[number];

export const eventLevels = [
	'school',
	'municipal',
	'regional',
	'all-russian',
	'international'
] as const;
export type EventLevel = (typeof eventLevels)[number];

export const eventOutcomes = ['took-part', 'result', 'did-not-take-part'] as const;
export type EventOutcome = (typeof eventOutcomes)[number];

/** Grade-summary columns in the order of the forms. */
export const gradePeriods = ['akr1', 'akr2', 'half1', 'akrFinal', 'half2', 'year', 'oge'] as const;
export type GradePeriod = (typeof gradePeriods)[number];

export const satisfactions = ['satisfied', 'partly', 'not-satisfied'] as const;
export type Satisfaction = (typeof satisfactions)[number];

export const masteryLevels = ['below-basic', 'basic', 'advanced', 'high'] as const;
export type MasteryLevel = (typeof masteryLevels)[number];

export const metaResultKinds = [
	'personal',
	'concepts',
	'regulatory',
	'cognitive',
	'communicative'
] as const;
export type MetaResultKind = (typeof metaResultKinds)[number];

export const projectKinds = [
	'social',
	'research',
	'creative',
	'engineering',
	'informational',
	'practice-oriented',
	'other'
] as const;
export type ProjectKind = (typeof projectKinds)[number];

export const socialScopes = ['outside-school', 'whole-school', 'individual'] as const;
export type SocialScope = (typeof socialScopes)[number];

export const examKinds = ['oge', 'ege'] as const;
export type ExamKind = (typeof examKinds)[number];

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Forms of the target model of mentoring (распоряжение Минпросвещения от 25.12.2019 № Р-145). */
export const mentoringForms = [
	'student-student',
	'teacher-student',
	'university-student',
	'employer-student'
] as const;
export type MentoringForm = (typeof mentoringForms)[number];

export const mentoringRoles = ['mentee', 'mentor'] as const;
export type MentoringRole = (typeof mentoringRoles)[number];

export const trajectoryLevels = ['basic', 'extended', 'in-depth'] as const;
export type TrajectoryLevel = (typeof trajectoryLevels)[number];

export const trajectoryStages = [1, 2, 3, 4, 5, 6] as const;
export type TrajectoryStage = (typeof trajectoryStages)[number];

export const lifeSpheres = [
	'study',
	'health',
	'family',
	'friends',
	'hobbies',
	'rest',
	'growth',
	'future'
] as const;
export type LifeSphere = (typeof lifeSpheres)[number];
