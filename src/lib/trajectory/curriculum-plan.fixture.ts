import type { CurriculumPlan, PlanRow, StudyForm } from './curriculum-plan.schema';

/**
 * The example individual curriculum plan of the Tomsk regional methodical letter on
 * individual trajectories (2021, appendix 1): grade 11, social and humanities profile, six-day
 * week, 37 hours a week and 1258 a year. It serves as a template and as a test case that the
 * rules must pass. The letter prints the deadlines «До 10.10.» and «До 01.10.» without a year.
 */

function row(
	id: string,
	subject: string,
	week: number,
	year: number,
	form: StudyForm,
	deadline: string | null = null
): PlanRow {
	return { id, subject, hoursWeek: week, hoursYear: year, form, deadline };
}

export function letterExamplePlan(): CurriculumPlan {
	return {
		info: {
			title: '',
			profile: 'социально-гуманитарный',
			grade: 11,
			weekDays: 6,
			standard: null,
			otherYears: {}
		},
		basic: [
			row('basic-1', 'Математика', 5, 170, 'full-time'),
			row('basic-2', 'Информатика', 1, 34, 'extramural', '10-10'),
			row('basic-3', 'Естествознание', 3, 102, 'extramural', '10-10'),
			row('basic-4', 'Физическая культура', 3, 102, 'extramural', '10-10'),
			row('basic-5', 'Основы безопасности жизнедеятельности', 1, 34, 'extramural', '10-10'),
			row('basic-6', 'Астрономия', 1, 34, 'extramural', '10-10'),
			row('basic-7', 'Иностранный язык', 3, 102, 'full-time'),
			row('basic-8', 'Экономика', 0.5, 17, 'full-time'),
			row('basic-9', 'Право', 0.5, 17, 'full-time'),
			row('basic-10', 'Русский язык', 1, 34, 'full-time')
		],
		profile: [
			row('profile-1', 'Литература', 5, 170, 'full-time'),
			row('profile-2', 'История', 5, 170, 'full-time'),
			row('profile-3', 'Обществознание', 3, 102, 'full-time')
		],
		school: [
			row('school-1', 'Зарубежная литература', 1, 34, 'full-time'),
			row('school-2', 'Спецкурс по русскому языку', 2, 68, 'full-time'),
			row('school-3', 'Спецкурс по иностранному языку', 1, 34, 'full-time'),
			row(
				'school-4',
				'Основы проектирования (проектно-исследовательская деятельность)',
				1,
				34,
				'extramural',
				'10-01'
			)
		],
		additional: [
			['Олимпиадный тренинг по истории', 6, 204],
			['Олимпиадный тренинг по праву', 1, 34],
			['Олимпиадный тренинг по обществознанию', 1, 34],
			['Реформы и реформаторы в России IX–XXI вв.', 2, 68],
			['Олимпиадный тренинг по праву', 2, 68],
			['Олимпиадный тренинг по обществознанию', 2, 68],
			['Культура письменной речи', 2, 68]
		].map(([course, week, year], i) => ({
			id: `additional-${i + 1}`,
			course: course as string,
			hoursWeek: week as number,
			hoursYear: year as number,
			supervisor: ''
		}))
	};
}
