import { describe, expect, it } from 'vitest';
import type { Role } from '$lib/shared/access';
import { trajectoryAccessOnDevice } from './device-access';

function claims(role: Role, sub: string) {
	return { role, sub, school: 'demo-school' };
}

const student = { id: 'student-5a-01', tutorId: 'tutor-demo' };

describe('trajectoryAccessOnDevice', () => {
	it('lets a student write their own trajectory', () => {
		expect(
			trajectoryAccessOnDevice(claims('student', 'student-5a-01'), student.id, undefined)
		).toBe('write');
	});

	it('rejects a student on another student', () => {
		expect(
			trajectoryAccessOnDevice(claims('student', 'student-5a-02'), student.id, undefined)
		).toBe('none');
	});

	it('lets the tutor of the student write', () => {
		expect(trajectoryAccessOnDevice(claims('tutor', 'tutor-demo'), student.id, student)).toBe(
			'write'
		);
	});

	it('rejects a tutor of another class', () => {
		expect(trajectoryAccessOnDevice(claims('tutor', 'tutor-other'), student.id, student)).toBe(
			'none'
		);
	});

	it('lets a tutor try before the roster arrives', () => {
		expect(trajectoryAccessOnDevice(claims('tutor', 'tutor-other'), student.id, undefined)).toBe(
			'write'
		);
	});

	it('lets a parent only read', () => {
		expect(trajectoryAccessOnDevice(claims('parent', 'parent-5a-01'), student.id, undefined)).toBe(
			'read'
		);
	});

	it('lets the deputy director write', () => {
		expect(trajectoryAccessOnDevice(claims('admin', 'deputy-demo'), student.id, student)).toBe(
			'write'
		);
	});

	it('rejects a subject teacher', () => {
		expect(trajectoryAccessOnDevice(claims('teacher', 'teacher-math5'), student.id, student)).toBe(
			'none'
		);
	});
});
