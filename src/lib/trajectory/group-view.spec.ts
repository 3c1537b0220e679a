import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { groupViewRows, inRange, stageSixFigures, type GroupMember } from './group-view';
import { readTrajectory, type Trajectory } from './trajectory.ydoc';

let rowNumber = 0;
const id = () => `row-${++rowNumber}`;

/** Builds a member from an empty trajectory changed by `fill`. */
function member(name: string, fill: (t: Trajectory) => void = () => {}): GroupMember {
	const trajectory = readTrajectory(new Y.Doc()).trajectory;
	fill(trajectory);
	return { studentId: name, studentName: name, trajectory, lastChange: null };
}

function task(text: string, done = false) {
	return { id: id(), text, done };
}

function grade(subject: string, half1: number | null, half2: number | null) {
	return {
		id: id(),
		subject,
		akr1: null,
		akr2: null,
		half1,
		akrFinal: null,
		half2,
		year: null,
		oge: null,
		satisfaction: null,
		nextGoal: '',
		giaResult: null,
		finalMark: null,
		mastery: null,
		comment: ''
	};
}

function club(date: string | null) {
	return {
		id: id(),
		direction: 'спорт',
		date,
		course: 'Волейбол',
		event: '',
		profile: '',
		result: '',
		comment: ''
	};
}

const options = {
	gradeChange: { from: 'half1' as const, to: 'half2' as const },
	clubs: {
		before: { from: '2023-09-01', to: '2024-05-31' },
		after: { from: '2024-09-01', to: '2025-05-31' }
	}
};

describe('groupViewRows', () => {
	it('summarises each student', () => {
		const rows = groupViewRows([
			member('Яковлев Илья'),
			member('Белова Анна', (t) => {
				t.workflow.state = { stage: 3, level: 'extended' };
				t.spheres.academic.goal = 'Получить 5 по алгебре';
				t.spheres.academic.tasks = [task('решать задачи'), task('выучить формулы', true)];
				t.spheres.olympiads.goal = 'Участвовать в 2 олимпиадах';
				t.spheres.olympiads.fields.deadline = '2025-03-01';
				t.spheres.projects.tasks = [task('выбрать тему'), task('  ')];
			})
		]);

		expect(rows.map((row) => row.studentName)).toEqual(['Белова Анна', 'Яковлев Илья']);
		expect(rows[0]).toMatchObject({
			stage: 3,
			stageName: 'Проектирование ИОТ',
			level: 'extended',
			openTasks: 2,
			goalsWithoutDeadline: ['academic']
		});
		expect(rows[1]).toMatchObject({ stage: 1, openTasks: 0, goalsWithoutDeadline: [] });
	});
});

describe('stageSixFigures', () => {
	const group = [
		member('А', (t) => {
			t.career.events = [
				{ id: id(), date: '2024-10', event: 'День открытых дверей', result: '' },
				{ id: id(), date: '2023-05-10', event: 'Ярмарка профессий', result: '' }
			];
			t.mentoring = [
				{
					id: id(),
					programme: 'Шаг в ИТ ',
					form: 'university-student',
					role: 'mentee',
					mentor: '',
					start: '2024-09-01',
					end: null,
					result: ''
				}
			];
			t.projects = [
				{ ...emptyProject(), completed: true, completedOn: '2024-12-20' },
				{ ...emptyProject(), completed: false }
			];
			t.grades.subjects = [grade('Алгебра', 3, 4), grade('История', 4, 4)];
			t.extracurricular = [club('2024-02'), club('2024-10-01'), club('2024-11-01')];
		}),
		member('Б', (t) => {
			t.mentoring = [
				{
					id: id(),
					programme: 'шаг в ит',
					form: null,
					role: null,
					mentor: '',
					start: null,
					end: null,
					result: ''
				},
				{
					id: id(),
					programme: 'Читаем вместе',
					form: null,
					role: 'mentor',
					mentor: '',
					start: '2022-09-01',
					end: '2023-05-31',
					result: ''
				}
			];
			t.grades.subjects = [grade('алгебра', 4, 3), grade('Химия', 5, null)];
			t.extracurricular = [club('2025-01-15'), club(null)];
		}),
		member('В')
	];
	const period = { from: '2024-09-01', to: '2025-05-31' };

	it('counts career guidance in the period', () => {
		expect(stageSixFigures(group, { ...options, period }).careerGuidance).toEqual({
			students: 1,
			entries: 1
		});
		expect(stageSixFigures(group, options).careerGuidance).toEqual({ students: 1, entries: 2 });
	});

	it('counts distinct mentoring programmes', () => {
		expect(stageSixFigures(group, options).mentoring).toEqual({ programmes: 2, students: 2 });
		expect(stageSixFigures(group, { ...options, period }).mentoring).toEqual({
			programmes: 1,
			students: 2
		});
	});

	it('counts completed projects', () => {
		expect(stageSixFigures(group, { ...options, period }).completedProjects).toEqual({
			projects: 1,
			students: 1
		});
	});

	it('compares marks of two periods by subject', () => {
		const [algebra, history] = stageSixFigures(group, options).gradeChange;
		expect(algebra).toEqual({
			subject: 'Алгебра',
			students: 2,
			meanFrom: 3.5,
			meanTo: 3.5,
			change: 0,
			improved: 1,
			declined: 1,
			unchanged: 0
		});
		expect(history).toMatchObject({ subject: 'История', students: 1, change: 0, unchanged: 1 });
		expect(stageSixFigures(group, options).gradeChange).toHaveLength(2);
	});

	it('measures growth in club participation', () => {
		expect(stageSixFigures(group, options).clubParticipation).toEqual({
			before: { students: 1, entries: 1 },
			after: { students: 2, entries: 3 },
			studentChange: 1,
			entryChange: 2,
			studentGrowthPercent: 100
		});
		expect(stageSixFigures(group, options).students).toBe(3);
	});
});

describe('inRange', () => {
	it('matches months that overlap the range', () => {
		const range = { from: '2024-09-15', to: '2024-10-10' };
		expect(inRange('2024-09', range)).toBe(true);
		expect(inRange('2024-11', range)).toBe(false);
		expect(inRange('2024-09-14', range)).toBe(false);
		expect(inRange(null, range)).toBe(false);
	});
});

function emptyProject() {
	return {
		id: id(),
		title: 'Проект',
		subject: '',
		kind: null,
		step1: '',
		step2: '',
		step3: '',
		step4: '',
		step5: '',
		step6: '',
		supervisorComment: '',
		completed: false,
		completedOn: null
	};
}
