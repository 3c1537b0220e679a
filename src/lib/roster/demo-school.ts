import type { Roster } from './roster.schema';

/**
 * A fictional school for the demo and for browser tests: two grade-5 classes, one grade-10
 * class, ten subject teachers, a tutor, a deputy director and two parents. Every name is
 * made up. Ids are stable, so seeding twice writes the same entries.
 */

const firstNames = [
	'Алина',
	'Богдан',
	'Варвара',
	'Глеб',
	'Дарья',
	'Егор',
	'Злата',
	'Иван',
	'Кира',
	'Лев',
	'Мария',
	'Никита',
	'Ольга',
	'Пётр',
	'Роман',
	'София',
	'Тимур',
	'Ульяна',
	'Фёдор',
	'Юлия'
];
const femaleNames = new Set([
	'Алина',
	'Варвара',
	'Дарья',
	'Злата',
	'Кира',
	'Мария',
	'Ольга',
	'София',
	'Ульяна',
	'Юлия'
]);
const lastNames = [
	['Абрамова', 'Беляев'],
	['Воронова', 'Гусев'],
	['Давыдова', 'Ершов'],
	['Жукова', 'Зуев'],
	['Исаева', 'Калинин'],
	['Лаптева', 'Медведев'],
	['Носова', 'Орехов'],
	['Панова', 'Рябов'],
	['Соболева', 'Тихонов'],
	['Уварова', 'Фомин'],
	['Харитонова', 'Цветков']
];

function studentName(index: number): string {
	const first = firstNames[index % firstNames.length];
	const female = femaleNames.has(first);
	const pair = lastNames[(index * 7) % lastNames.length];
	return `${pair[female ? 0 : 1]} ${first}`;
}

const teachers = [
	['teacher-math5', 'Смирнов Олег Иванович', 'Математика'],
	['teacher-russian', 'Ковалёва Наталья Сергеевна', 'Русский язык'],
	['teacher-literature', 'Морозова Елена Викторовна', 'Литература'],
	['teacher-history', 'Волков Андрей Петрович', 'История'],
	['teacher-biology', 'Крылова Светлана Андреевна', 'Биология'],
	['teacher-english', 'Полякова Анна Дмитриевна', 'Английский язык'],
	['teacher-math10', 'Егорова Татьяна Николаевна', 'Математика'],
	['teacher-physics', 'Фролов Сергей Александрович', 'Физика'],
	['teacher-chemistry', 'Белова Ирина Олеговна', 'Химия'],
	['teacher-geography', 'Никитин Павел Юрьевич', 'География']
] as const;

const classes = [
	{ id: '5A', label: '5А', grade: 5, size: 12 },
	{ id: '5B', label: '5Б', grade: 5, size: 11 },
	{ id: '10A', label: '10А', grade: 10, size: 9 }
];

export const DEMO_SCHOOL_ID = 'demo-school';
export const DEMO_TUTOR_ID = 'tutor-demo';
export const DEMO_ADMIN_ID = 'deputy-demo';

export function buildDemoRoster(): Roster {
	const students: Roster['students'] = [];
	let index = 0;
	for (const schoolClass of classes) {
		for (let n = 1; n <= schoolClass.size; n++) {
			const id = `student-${schoolClass.id.toLowerCase()}-${String(n).padStart(2, '0')}`;
			const parentIds =
				id === 'student-10a-01'
					? ['parent-10a-01']
					: id === 'student-5a-01'
						? ['parent-5a-01']
						: [];
			students.push({
				id,
				fullName: studentName(index++),
				classId: schoolClass.id,
				tutorId: DEMO_TUTOR_ID,
				parentIds
			});
		}
	}

	const teaching: Roster['teaching'] = [];
	for (const [teacherId, , subject] of teachers) {
		const forTen = ['teacher-math10', 'teacher-physics', 'teacher-chemistry'].includes(teacherId);
		const forFive = ['teacher-math5', 'teacher-english'].includes(teacherId);
		let classIds = ['5A', '5B', '10A'];
		if (forTen) classIds = ['10A'];
		else if (forFive) classIds = ['5A', '5B'];
		for (const classId of classIds) teaching.push({ teacherId, classId, subject });
	}

	return {
		schoolId: DEMO_SCHOOL_ID,
		schoolName: 'МБОУ «Берёзовская средняя общеобразовательная школа» (демонстрация)',
		municipality: 'demo-district',
		classes: classes.map(({ id, label, grade }) => ({ id, label, grade, tutorId: DEMO_TUTOR_ID })),
		people: [
			{ id: DEMO_ADMIN_ID, fullName: 'Соколова Марина Викторовна', role: 'admin', subjects: [] },
			{ id: DEMO_TUTOR_ID, fullName: 'Кузнецова Ирина Петровна', role: 'tutor', subjects: [] },
			...teachers.map(([id, fullName, subject]) => ({
				id,
				fullName,
				role: 'teacher' as const,
				subjects: [subject]
			})),
			{ id: 'parent-10a-01', fullName: 'Абрамов Николай Ильич', role: 'parent', subjects: [] },
			{ id: 'parent-5a-01', fullName: 'Беляева Оксана Юрьевна', role: 'parent', subjects: [] }
		],
		students,
		teaching
	};
}
