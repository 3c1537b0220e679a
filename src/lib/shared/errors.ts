/**
 * Errors meant for a person carry a reason code. The code crosses the wire and the worker
 * boundary unchanged; `describeError` turns it into a Russian message and, where there is
 * one, a fix the interface can offer.
 */

export const reasonMessages = {
	'token-missing': 'Устройство не подключено к школе. Войдите заново по коду приглашения.',
	'token-invalid':
		'Код входа не подошёл: он повреждён или выдан для другого сервера. Попросите у заместителя директора новый код.',
	'token-expired':
		'Срок входа истёк, и продлить его не удалось. Попросите у заместителя директора новый код входа.',
	'token-revoked':
		'Это устройство отключено администратором школы. Обратитесь к заместителю директора.',
	'room-forbidden': 'У вашей роли нет доступа к этому документу.',
	'room-invalid': 'Адрес документа не распознан.',
	'message-invalid':
		'Сервер синхронизации не смог прочитать изменение. Данные сохранены на устройстве; сообщите администратору.',
	'update-too-large':
		'Изменение слишком велико для отправки за один раз. Сохраните резервную копию и сообщите администратору.',
	'rate-limited':
		'Слишком много изменений за короткое время; синхронизация продолжится автоматически.',
	'too-many-documents':
		'Открыто слишком много документов одновременно; синхронизация продолжится по очереди.',
	'storage-failed': 'Не удалось сохранить данные на устройстве. Освободите место и повторите.',
	'import-invalid': 'Файл не удалось прочитать. Проверьте, что это таблица xlsx или csv.',
	'validation-failed': 'Значение не прошло проверку.',
	'not-found': 'Документ не найден на этом устройстве.',
	'worker-failed':
		'Расчёт в фоновом потоке не выполнен. Данные на устройстве сохранены; повторите действие или перезагрузите страницу.',
	'server-error': 'Сервер синхронизации вернул ошибку; изменения сохранены на устройстве.',
	'request-invalid': 'Сервер не принял запрос: поле заполнено неверно.',
	'code-invalid':
		'Код приглашения не найден. Проверьте, что введены все 10 знаков без ошибок, например K7QM2-XPD9W.',
	'code-expired':
		'Срок действия кода приглашения истёк. Попросите заместителя директора выдать новый код.',
	'code-used':
		'Этот код приглашения уже использован: каждый код действует один раз. Попросите новый код.',
	'code-cancelled': 'Код приглашения отменён администратором школы. Попросите новый код.',
	'attempts-limited':
		'Слишком много неверных попыток ввести код. Подождите несколько минут и попробуйте снова.',
	'refresh-expired':
		'Вход на этом устройстве долго не обновлялся и больше не действует. Попросите заместителя директора выдать новый код приглашения.',
	'role-forbidden': 'Это действие доступно только заместителю директора.',
	'school-not-found':
		'Школа не зарегистрирована на сервере синхронизации. Администратор сервера создаёт её командой create-school.',
	'device-not-found': 'Устройство не найдено среди устройств школы. Обновите список.',
	'device-self': 'Нельзя отключить устройство, с которого вы сейчас работаете.',
	'invitation-not-found': 'Приглашение не найдено. Обновите список приглашений.',
	'relay-unreachable':
		'Нет связи с сервером синхронизации. Подключитесь к сети школы и повторите; данные на устройстве сохранены.',
	unknown: 'Непредвиденная ошибка. Данные на устройстве сохранены.'
} as const;

export type ReasonCode = keyof typeof reasonMessages;

export class AppError extends Error {
	readonly reason: ReasonCode;
	readonly detail?: string;

	constructor(reason: ReasonCode, detail?: string, options?: { cause?: unknown }) {
		super(detail ? `${reason}: ${detail}` : reason, options);
		this.name = 'AppError';
		this.reason = reason;
		this.detail = detail;
	}
}

export function isReasonCode(value: unknown): value is ReasonCode {
	return typeof value === 'string' && value in reasonMessages;
}

/** Maps any thrown value to a reason, a Russian message and the detail for the log. */
export function describeError(error: unknown): {
	reason: ReasonCode;
	message: string;
	detail: string;
} {
	if (error instanceof AppError) {
		const base = reasonMessages[error.reason];
		// For a file that could not be read, the detail states what was wrong and what to do, so
		// it replaces the general message instead of repeating it.
		const detailOnly = error.reason === 'import-invalid' || error.reason === 'validation-failed';
		return {
			reason: error.reason,
			message: error.detail ? (detailOnly ? error.detail : `${base} ${error.detail}`) : base,
			detail: error.message
		};
	}
	const detail = error instanceof Error ? error.message : String(error);
	return { reason: 'unknown', message: reasonMessages.unknown, detail };
}

/** True for an abort, which is a cancellation and not an error. */
export function isCancellation(error: unknown): boolean {
	return error instanceof DOMException && error.name === 'AbortError';
}
