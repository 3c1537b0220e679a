import type { ActivityLevel, RoadmapRowKind, RoadmapSectionId } from './roadmap.schema';
import type {
	DeficitGroup,
	EducationLevel,
	Personal,
	QualificationCategory,
	SignOffRole
} from './teacher-route.schema';

/*
 * Interface text of the teacher's route, for the screens and the A4 print view. Headings and
 * row captions follow the model form of ТОИПКРО, approved by its order of 26.05.2021 № 34-ос.
 */

export const routeTitle = 'Индивидуальный образовательный маршрут педагогического работника';
export const routeShortTitle = 'ИОМ педагога';

export const blockTitles = {
	personal: 'Блок 1. Персональные данные',
	diagnostics:
		'Блок 2. Результаты диагностики уровня сформированности профессиональных компетенций',
	roadmap: 'Блок 3. Дорожная карта по устранению выявленных дефицитов'
} as const;

export const personalLabels: Record<keyof Personal, string> = {
	fullName: 'Фамилия, имя, отчество педагогического работника',
	birthDate: 'Дата рождения',
	educationLevel: 'Уровень образования',
	educationInstitution: 'Полное наименование образовательной организации',
	educationSpeciality: 'Направление подготовки / специальность',
	educationQualification: 'Квалификация',
	graduationDate: 'Дата окончания',
	experienceYears: 'Педагогический стаж, лет',
	school: 'Место работы (полное наименование организации)',
	position: 'Должность',
	subjectArea: 'Предметная область',
	category: 'Присвоенная квалификационная категория',
	categoryOrderDate: 'Дата распоряжения об установлении квалификационной категории',
	categoryOrderNumber: 'Номер распоряжения об установлении квалификационной категории',
	phone: 'Мобильный телефон',
	email: 'Адрес электронной почты'
};

/** Fields of block 1 shown under the heading «Данные об образовании». */
export const educationFields = [
	'educationLevel',
	'educationInstitution',
	'educationSpeciality',
	'educationQualification',
	'graduationDate'
] as const satisfies readonly (keyof Personal)[];

export const educationHeading = 'Данные об образовании';
export const diagnosticsDateLabel =
	'Дата прохождения диагностики уровня сформированности профессиональных компетенций';

export const educationLevelLabels: Record<EducationLevel, string> = {
	'secondary-vocational': 'Среднее профессиональное образование',
	bachelor: 'Высшее образование — бакалавриат',
	'specialist-master': 'Высшее образование — специалитет, магистратура',
	'highest-qualification': 'Высшее образование — подготовка кадров высшей квалификации',
	other: 'Другое'
};

export const categoryLabels: Record<QualificationCategory, string> = {
	none: 'Без категории',
	'position-fit': 'Соответствие занимаемой должности',
	first: 'Первая квалификационная категория',
	highest: 'Высшая квалификационная категория',
	methodist: 'Педагог-методист',
	mentor: 'Педагог-наставник'
};

export const goalLabel =
	'Цель педагогического работника, которую необходимо достигнуть при прохождении ИОМ';

export const deficitsHeading = 'Выявленные дефициты';
export const deficitGroupLabels: Record<DeficitGroup, string> = {
	generalCultural: 'Общекультурные',
	generalProfessional: 'Общепрофессиональные',
	professional: 'Профессиональные'
};
export const deficitSourceLabels = {
	manual: 'Указан вручную',
	analysis: 'По результатам оценочных процедур обучающихся'
} as const;

export const diagnosticsLabels = {
	date: 'Дата диагностики',
	instrument: 'Инструмент (методика) диагностики',
	competence: 'Профессиональная компетенция',
	result: 'Результат'
} as const;

export const roadmapFieldLabels = {
	duration: 'Продолжительность прохождения ИОМ',
	start: 'Начало',
	end: 'Окончание'
} as const;

/** Column headings of the roadmap table, left to right. */
export const roadmapColumnLabels = {
	content: 'Содержание работы (мероприятия) по преодолению дефицитов и профессиональному развитию',
	details: 'Дополнительная информация (при необходимости)',
	deadline: 'Сроки',
	deficits: 'Перечень дефицитов, на устранение которых направлена работа',
	done: 'Отметка о прохождении (дата, реквизиты подтверждающего документа, пр.)'
} as const;

export const roadmapRowFieldLabels = {
	role: 'Роль (статус) в работе объединения',
	level: 'Уровень',
	hours: 'Количество часов',
	start: 'Начало',
	end: 'Окончание',
	throughout: 'В течение всего срока реализации ИОМ',
	doneDate: 'Дата прохождения',
	doneDocument: 'Реквизиты подтверждающего документа'
} as const;

export const roadmapGroupTitles = {
	1: '1. Мероприятия/события, направленные на получение дополнительных знаний, опыта',
	2: '2. Мероприятия/события, направленные на демонстрацию личного опыта'
} as const;

export const roadmapSectionTitles: Record<RoadmapSectionId, string> = {
	'1.1': '1.1. Участие в курсах повышения квалификации и/или профессиональной переподготовки',
	'1.2': '1.2. Участие в стажировке (индивидуальная и/или групповая)',
	'1.3':
		'1.3. Участие в мероприятиях, направленных на профессиональное развитие и обмен опытом (форум, конференция, семинар, вебинар, мастер-класс, конкурс, посещение уроков и внеурочных мероприятий ведущих учителей-методистов и т. п.)',
	'1.4':
		'1.4. Участие в работе профессиональных сообществ, методических объединений, рабочих/творческих групп (регионального, муниципального, школьного уровней)',
	'1.5':
		'1.5. Изучение специальной литературы, методических материалов, нормативно-правовых документов',
	'1.6':
		'1.6. Изучение работ региональных и федеральных экспертов в соответствующей предметной области знаний; участие в мероприятиях с участием этих экспертов',
	'2.1':
		'2.1. Участие в работе федеральной, региональной, иной инновационной/стажировочной площадки',
	'2.2':
		'2.2. Участие в мероприятиях, направленных на трансляцию/презентацию личного опыта (форум, конференция, семинар, вебинар, мастер-класс, конкурс, открытый урок и пр.)',
	'2.3':
		'2.3. Представление личного опыта в качестве эксперта в соответствующей предметной и/или иной области знаний',
	'2.4':
		'2.4. Разработка, подготовка собственных методических продуктов (сценарий урока, внеурочного мероприятия, образовательная программа, статья, разработанный интерактивный продукт, презентация выступления и пр.)',
	'2.5': '2.5. Наставничество'
};

/** Notes printed under a section heading. */
export const roadmapSectionNotes: Partial<Record<RoadmapSectionId, string>> = {
	'1.2':
		'В дорожную карту вносится фактическая стажировка (если мероприятие уже запланировано) и/или запрос педагогического работника на стажировку с указанием нужного направления или темы.'
};

/**
 * Each typical row: its caption, and hints for the content and «Дополнительная информация»
 * columns where the form gives them.
 */
export const roadmapKindLabels: Record<
	RoadmapRowKind,
	{ label: string; contentHint?: string; detailsHint?: string }
> = {
	'refresher-course': {
		label: 'Дополнительная профессиональная программа повышения квалификации',
		contentHint: 'Наименование программы'
	},
	retraining: {
		label: 'Дополнительная профессиональная программа профессиональной переподготовки',
		contentHint: 'Наименование программы'
	},
	internship: { label: 'Стажировка', contentHint: 'Тема стажировки' },
	'internship-request': {
		label: 'Запрос на стажировку',
		contentHint: 'Нужное направление или тема стажировки'
	},
	forum: { label: 'Форум', contentHint: 'Название форума; круглый стол или доклад и их тема' },
	seminar: { label: 'Семинар', contentHint: 'Тема семинара' },
	webinar: { label: 'Вебинар', contentHint: 'Тема вебинара' },
	'master-class': { label: 'Мастер-класс', contentHint: 'Тема мастер-класса' },
	contest: {
		label: 'Конкурс (в том числе профессионального мастерства)',
		contentHint: 'Название конкурса'
	},
	festival: { label: 'Фестиваль', contentHint: 'Название фестиваля' },
	conference: { label: 'Научно-практическая конференция', contentHint: 'Тема конференции' },
	'lesson-visits': {
		label: 'Посещение уроков и внеурочных мероприятий ведущих учителей-методистов',
		detailsHint: 'ФИО педагога, наименование образовательной организации, тема урока'
	},
	'other-event': { label: 'Другое', contentHint: 'Укажите мероприятие' },
	community: {
		label: 'Профессиональное сообщество',
		contentHint: 'Наименование профессионального сообщества'
	},
	'methodical-association': {
		label: 'Методическое объединение',
		contentHint: 'Наименование методического объединения, его статус и специфика',
		detailsHint: 'Статус педагога в работе методического объединения'
	},
	'working-group': {
		label: 'Рабочая/творческая группа',
		contentHint: 'Рабочая/творческая группа и её статус',
		detailsHint: 'Тема, по которой работает группа, роль в работе группы'
	},
	literature: { label: 'Литература, методические материалы', contentHint: 'Автор, издательство' },
	'online-resource': { label: 'Электронный ресурс', contentHint: 'Адрес электронного ресурса' },
	'expert-works': { label: 'Работы эксперта', contentHint: 'ФИО эксперта' },
	'federal-site': { label: 'Федеральная инновационная площадка', contentHint: 'Название площадки' },
	'regional-site': {
		label: 'Региональная инновационная площадка',
		contentHint: 'Название площадки'
	},
	'other-site': {
		label: 'Иная инновационная/стажировочная площадка',
		contentHint: 'Название площадки'
	},
	'experience-presentation': {
		label: 'Трансляция/презентация личного опыта',
		contentHint:
			'Форма мероприятия (форум, конференция, семинар, вебинар, мастер-класс, конкурс, открытый урок) и тема'
	},
	'expert-activity': {
		label: 'Опыт в качестве эксперта',
		contentHint: 'Предметная (и/или иная) область; тема в данной области',
		detailsHint: 'Мероприятие, на котором опыт представлен или планируется к представлению'
	},
	'methodical-product': {
		label: 'Методический продукт',
		contentHint: 'Наименование методического продукта'
	},
	'having-mentor': {
		label: 'Работа с наставником',
		detailsHint: 'Наличие плана работы с наставником, основные направления его реализации'
	},
	'being-mentor': {
		label: 'Работа в качестве наставника',
		detailsHint: 'Должность педагога, которому вы наставник, основные направления работы с ним'
	}
};

export const activityLevelLabels: Record<ActivityLevel, string> = {
	federal: 'Федеральный',
	regional: 'Региональный',
	municipal: 'Муниципальный',
	school: 'Школьный'
};

export const closingLabels = {
	nextDiagnosticsDate: 'Дата следующей диагностики',
	drawnUpDate: 'Дата разработки индивидуального образовательного маршрута',
	deputyName: 'Ф. И. О.',
	deputyPosition: 'Должность',
	deputyContacts: 'Контактные данные (адрес электронной почты, телефон)',
	signature: 'Подпись'
} as const;

export const signOffRoleLabels: Record<SignOffRole, string> = {
	deputy: 'Заместитель директора по УР',
	teacher: 'Педагогический работник'
};

export const signOffStateLabels = {
	missing: 'Не подписан',
	valid: 'Подписан',
	outdated: 'Маршрут изменён после подписания — нужна повторная подпись'
} as const;

export const routeStatusLabels = {
	missing: 'Маршрут не создан',
	draft: 'Черновик',
	signed: 'Подписан',
	'in-progress': 'Выполняется',
	completed: 'Пройден'
} as const;

/** Typical measures that can be added to the roadmap for a deficit. */
export const measureLabels = {
	mentoring: 'Наставничество',
	course: 'Курсы повышения квалификации',
	seminar: 'Семинар',
	'lesson-visits': 'Посещение уроков ведущих учителей-методистов'
} as const;

export const proposalStatusLabels = {
	open: 'Ожидает решения',
	accepted: 'Добавлен в маршрут',
	dismissed: 'Отклонён'
} as const;

export const persistenceLabels = {
	persistent: 'Устойчивый дефицит',
	new: 'Выявлен впервые'
} as const;
