import type {
	EventLevel,
	EventOutcome,
	ExamKind,
	GradePeriod,
	LifeSphere,
	MasteryLevel,
	MentoringForm,
	MentoringRole,
	MetaResultKind,
	ProjectKind,
	Satisfaction,
	SocialScope,
	SphereId,
	TrajectoryLevel,
	TrajectoryStage,
	Weekday
} from './trajectory.choices';
import type { DiaryNoteKind } from './diary.schema';
import type { PlanGroup, StandardEdition, StudyForm } from './curriculum-plan.schema';

/**
 * Russian words for every section, field and choice of the trajectory and its curriculum plan.
 * The screens and the print view share them, so both use the terms of the forms teachers know:
 * the route of individual development «МИР» and the individual educational programme «ИОП».
 */

export const sphereLabels: Record<SphereId, string> = {
	academic: 'Учебная деятельность',
	research: 'Научно-исследовательская деятельность',
	olympiads: 'Олимпиадная деятельность',
	projects: 'Проектная деятельность',
	creative: 'Творческая (спортивная) деятельность',
	personal: 'Сфера личностного роста'
};

export const eventLevelLabels: Record<EventLevel, string> = {
	school: 'школьный',
	municipal: 'муниципальный',
	regional: 'региональный',
	'all-russian': 'всероссийский',
	international: 'международный'
};

export const eventOutcomeLabels: Record<EventOutcome, string> = {
	'took-part': 'Принял участие',
	result: 'Результат',
	'did-not-take-part': 'Не принял участие'
};

export const gradePeriodLabels: Record<GradePeriod, string> = {
	akr1: 'АКР I',
	akr2: 'АКР II',
	half1: 'I полугодие',
	akrFinal: 'АКР итоговая',
	half2: 'II полугодие',
	year: 'Год',
	oge: 'ОГЭ'
};

export const satisfactionLabels: Record<Satisfaction, string> = {
	satisfied: 'удовлетворён',
	partly: 'частично удовлетворён',
	'not-satisfied': 'не удовлетворён'
};

export const masteryLabels: Record<MasteryLevel, string> = {
	'below-basic': 'ниже базового',
	basic: 'базовый',
	advanced: 'повышенный',
	high: 'высокий'
};

export const metaResultLabels: Record<MetaResultKind, string> = {
	personal: 'Личностные',
	concepts: 'Освоение метапредметных понятий и терминов',
	regulatory: 'Регулятивные УУД',
	cognitive: 'Познавательные УУД',
	communicative: 'Коммуникативные УУД'
};

export const projectKindLabels: Record<ProjectKind, string> = {
	social: 'социальный',
	research: 'исследовательский',
	creative: 'творческий',
	engineering: 'инженерный',
	informational: 'информационный',
	'practice-oriented': 'практико-ориентированный',
	other: 'другой'
};

export const socialScopeLabels: Record<SocialScope, string> = {
	'outside-school': 'Внешкольное',
	'whole-school': 'Общешкольное',
	individual: 'Индивидуальное'
};

export const examKindLabels: Record<ExamKind, string> = { oge: 'ОГЭ', ege: 'ЕГЭ' };

export const weekdayLabels: Record<Weekday, string> = {
	mon: 'Понедельник',
	tue: 'Вторник',
	wed: 'Среда',
	thu: 'Четверг',
	fri: 'Пятница',
	sat: 'Суббота',
	sun: 'Воскресенье'
};

export const mentoringFormLabels: Record<MentoringForm, string> = {
	'student-student': 'ученик – ученик',
	'teacher-student': 'учитель – ученик',
	'university-student': 'студент – ученик',
	'employer-student': 'работодатель – ученик'
};

export const mentoringRoleLabels: Record<MentoringRole, string> = {
	mentee: 'наставляемый',
	mentor: 'наставник'
};

/** The six stages of designing a trajectory, by number, as the methodical letter names them. */
export const stageLabels: Record<TrajectoryStage, string> = {
	1: 'Формирование запроса на определённый вид деятельности',
	2: 'Создание избыточной среды для обучающегося',
	3: 'Проектирование ИОТ',
	4: 'Оценка уровня достижения выбранных ориентиров траектории',
	5: 'Коррекция ИОТ',
	6: 'Оценка эффективности технологии ИОТ'
};

export const levelLabels: Record<TrajectoryLevel, string> = {
	basic: 'базовый',
	extended: 'расширенный',
	'in-depth': 'углублённый'
};

/** The eight spheres of the balance wheel («Колесо баланса»), in the order drawn. */
export const lifeSphereLabels: Record<LifeSphere, string> = {
	study: 'Учёба',
	health: 'Здоровье и спорт',
	family: 'Семья',
	friends: 'Друзья и общение',
	hobbies: 'Хобби и творчество',
	rest: 'Отдых',
	growth: 'Саморазвитие',
	future: 'Профессиональное будущее'
};

export const diaryNoteKindLabels: Record<DiaryNoteKind, string> = {
	behaviour: 'Значимое проявление поведения',
	parents: 'Работа с родителями (законными представителями)',
	other: 'Другое'
};

export const planGroupLabels: Record<PlanGroup, string> = {
	basic: 'Обязательные предметы на базовом уровне',
	profile: 'Учебные предметы на профильном уровне (вариативная часть)',
	school: 'Компонент образовательной организации'
};

export const studyFormLabels: Record<StudyForm, string> = {
	'full-time': 'очная',
	extramural: 'заочная'
};

export const standardEditionLabels: Record<StandardEdition, string> = {
	'fgos-ooo-2010': 'ФГОС ООО 2010',
	'fgos-ooo-2021': 'ФГОС ООО 2021',
	'fgos-soo-2012': 'ФГОС СОО 2012',
	'fgos-soo-2022': 'ФГОС СОО (изменения 2022 года)'
};

const sphereParts = {
	goal: 'Цель',
	fields: 'Срок',
	tasks: 'Задачи',
	events: 'Мероприятия',
	conclusions: 'Выводы',
	selfAnalysis: 'Самоанализ (заполняется в конце учебного года)'
};

const sphereColumns = {
	fields: { deadline: 'Срок достижения цели' },
	tasks: { text: 'Задача', done: 'Выполнена' },
	events: {
		title: 'Мероприятие / тема доклада',
		date: 'Дата',
		level: 'Уровень',
		outcome: 'Итог',
		result: 'Результат',
		activityKind: 'Вид деятельности'
	}
};

const metaResultParts = {
	diagnostic: 'Диагностическая работа',
	inLessons: 'Наблюдение на урочном занятии',
	outsideLessons: 'Наблюдение на внеурочном занятии',
	tutorComment: 'Комментарий тьютора'
};

export interface SectionLabels {
	title: string;
	parts: Record<string, string>;
	/** Column names of rows parts, by part. */
	columns?: Record<string, Record<string, string>>;
}

/** Labels of every trajectory section, keyed by section id. */
export const sectionLabels: Record<string, SectionLabels> = {
	meta: {
		title: 'Сведения о документе',
		parts: { fields: 'Сведения' },
		columns: {
			fields: {
				studentId: 'Обучающийся',
				schoolId: 'Школа',
				studentName: 'Ф. И. обучающегося',
				grade: 'Класс',
				academicYear: 'Учебный год',
				createdAt: 'Создан',
				version: 'Версия разметки документа'
			}
		}
	},
	about: {
		title: 'Общая информация о себе и видение будущего',
		parts: {
			self: 'Общая информация о себе',
			request: 'Запрос',
			want: 'Хочу',
			can: 'Могу',
			must: 'Надо'
		}
	},
	...Object.fromEntries(
		Object.entries(sphereLabels).map(([id, title]) => [
			`spheres/${id}`,
			{ title, parts: sphereParts, columns: sphereColumns }
		])
	),
	grades: {
		title: 'Сводная таблица успеваемости',
		parts: {
			subjects: 'Предметы',
			conclusions: 'Выводы по результатам учебной деятельности',
			plans: 'Планы работы по предметам'
		},
		columns: {
			subjects: {
				subject: 'Предмет',
				...gradePeriodLabels,
				satisfaction: 'Удовлетворённость',
				nextGoal: 'Цель на следующее полугодие',
				giaResult: 'Результат ГИА',
				finalMark: 'Итоговая оценка',
				mastery: 'Уровень освоения',
				comment: 'Комментарий обучающегося к результатам'
			}
		}
	},
	...Object.fromEntries(
		Object.entries(metaResultLabels).map(([id, title]) => [
			`metaResults/${id}`,
			{ title, parts: metaResultParts }
		])
	),
	olympiads: {
		title: 'Олимпиады, конкурсы, смотры, фестивали',
		parts: { entries: 'Участие' },
		columns: {
			entries: {
				name: 'Название олимпиады / конкурса',
				subject: 'Предмет',
				date: 'Дата участия',
				level: 'Уровень',
				result: 'Результат',
				teacherComment: 'Комментарий учителя, который подготовил ученика'
			}
		}
	},
	projects: {
		title: 'Проектная и исследовательская деятельность',
		parts: { entries: 'Проекты и исследования' },
		columns: {
			entries: {
				title: 'Название проекта или учебного исследования',
				subject: 'Предмет',
				kind: 'Направленность',
				step1: '«Индивидуальный проект», этап 1',
				step2: '«Индивидуальный проект», этап 2',
				step3: '«Индивидуальный проект», этап 3',
				step4: '«Индивидуальный проект», этап 4',
				step5: '«Индивидуальный проект», этап 5',
				step6: '«Индивидуальный проект», этап 6',
				supervisorComment: 'Комментарий руководителя проекта или исследования',
				completed: 'Проект завершён',
				completedOn: 'Дата завершения'
			}
		}
	},
	extracurricular: {
		title: 'Внеурочная деятельность',
		parts: { entries: 'Занятия и мероприятия' },
		columns: {
			entries: {
				direction: 'Направление внеурочной деятельности',
				date: 'Дата проведения',
				course: 'Внеурочный курс',
				event: 'Внеурочное мероприятие',
				profile: 'Профиль обучения',
				result: 'Образовательный результат',
				comment: 'Комментарий педагога, тьютора'
			}
		}
	},
	socialActivity: {
		title: 'Социально значимая деятельность',
		parts: { entries: 'Мероприятия' },
		columns: {
			entries: {
				scope: 'Направленность мероприятия',
				event: 'Название мероприятия',
				date: 'Дата проведения',
				result: 'Образовательный результат',
				participation: 'Степень участия',
				comment: 'Комментарий педагога, тьютора'
			}
		}
	},
	career: {
		title: 'Самоопределение в профессиональной сфере',
		parts: {
			universities: 'Планы поступления',
			events: 'Профориентационные мероприятия',
			conclusions: 'Выводы по результатам профессионального самоопределения'
		},
		columns: {
			universities: {
				filledOn: 'Дата заполнения',
				university: 'Вуз',
				faculty: 'Факультет',
				programme: 'Направление подготовки',
				passScore: 'Проходной балл прошлого года',
				exams: 'Экзамены, необходимые для поступления'
			},
			events: { date: 'Дата', event: 'Мероприятие', result: 'Результат' }
		}
	},
	exams: {
		title: 'Выбор предметов для сдачи ГИА',
		parts: { entries: 'Предметы' },
		columns: {
			entries: {
				exam: 'Экзамен',
				subject: 'Предмет',
				plannedScore: 'Планируемые баллы',
				decemberScore: 'Репетиционный экзамен (декабрь), баллы',
				decemberDate: 'Дата (декабрь)',
				marchScore: 'Репетиционный экзамен (март), баллы',
				marchDate: 'Дата (март)',
				actualScore: 'Результат экзамена',
				preparationPlan: 'План подготовки (составляет учитель)'
			}
		}
	},
	courses: {
		title: 'Инструменты интеллектуального развития',
		parts: { entries: 'Курсы' },
		columns: {
			entries: {
				subject: 'Предмет',
				course: 'Название курса',
				organisation: 'Организация',
				teacherContact: 'Ф. И. О. преподавателя, контактная информация',
				start: 'Начало занятий',
				end: 'Окончание занятий'
			}
		}
	},
	timeManagement: {
		title: 'Тайм-менеджмент',
		parts: { slots: 'Время', cells: 'Расписание недели' }
	},
	schoolRole: {
		title: 'Роль школы в достижении поставленной цели',
		parts: { pluses: '+', minuses: '−' }
	},
	mentoring: {
		title: 'Программы наставничества',
		parts: { entries: 'Программы' },
		columns: {
			entries: {
				programme: 'Программа',
				form: 'Форма наставничества',
				role: 'Роль обучающегося',
				mentor: 'Наставник',
				start: 'Начало',
				end: 'Окончание',
				result: 'Результат'
			}
		}
	},
	curriculumPlan: {
		title: 'Индивидуальный учебный план',
		parts: { ...planGroupLabels, info: 'Сведения', additional: 'Дополнительное образование' },
		columns: {
			info: {
				title: 'Ф. И. О.',
				profile: 'Профиль',
				grade: 'Класс',
				weekDays: 'Учебная неделя, дней',
				standard: 'Стандарт',
				otherYears: 'Часы других лет уровня'
			},
			...Object.fromEntries(
				Object.keys(planGroupLabels).map((group) => [
					group,
					{
						subject: 'Учебные предметы, курсы, модули',
						hoursWeek: 'Часов в неделю',
						hoursYear: 'Часов в год',
						form: 'Форма обучения',
						deadline: 'Сроки сдачи'
					}
				])
			),
			additional: {
				course: 'Курс',
				hoursWeek: 'Часов в неделю',
				hoursYear: 'Часов в год',
				supervisor: 'Руководитель'
			}
		}
	},
	workflow: {
		title: 'Проектирование траектории',
		parts: {
			state: 'Этап и уровень',
			balance: 'Колесо баланса',
			selfAnalysis: 'Самоанализ',
			scalingQuestions: 'Шкалирование: вопросы',
			scalingRatings: 'Шкалирование: оценки'
		},
		columns: {
			state: { stage: 'Этап', level: 'Уровень обучения' },
			balance: { date: 'Дата', ...lifeSphereLabels },
			scalingQuestions: { text: 'Вопрос' },
			scalingRatings: { questionId: 'Вопрос', date: 'Дата', rating: 'Оценка от 0 до 10' }
		}
	}
};

/**
 * Returns the Russian description of a field path, e.g. «Учебная деятельность → Мероприятия →
 * строка 2 → Дата», for messages that must name where a value is. `rowNumber` turns a row id
 * into its 1-based number on screen; without it the id is left out.
 */
export function describePath(path: string, rowNumber?: (rowId: string) => number | null): string {
	const section = Object.keys(sectionLabels)
		.filter((id) => path === id || path.startsWith(`${id}/`))
		.sort((a, b) => b.length - a.length)[0];
	if (!section) return path;

	const labels = sectionLabels[section];
	const [part, ...rest] = path.slice(section.length + 1).split('/');
	const words = [labels.title];
	if (part) words.push(labels.parts[part] ?? part);
	const columns = part ? labels.columns?.[part] : undefined;
	if (rest.length === 2) {
		const number = rowNumber?.(rest[0]);
		if (number) words.push(`строка ${number}`);
		words.push(columns?.[rest[1]] ?? rest[1]);
	} else if (rest.length === 1) {
		words.push(columns?.[rest[0]] ?? rest[0]);
	}
	return words.join(' → ');
}
