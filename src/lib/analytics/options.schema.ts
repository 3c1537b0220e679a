import { z } from 'zod';

/**
 * Schemas for the analysis inputs that arrive from files or other devices: the teacher of
 * each class and the history of earlier procedures. They mirror TeacherRef and
 * TeacherHistoryEntry in options.ts.
 */

export const teacherRefSchema = z.object({ id: z.string().min(1), name: z.string() });

/** Class label, or `school/class`, to the teacher of the procedure's subject there. */
export const teacherMapSchema = z.record(z.string().min(1), teacherRefSchema);

export const teacherHistoryEntrySchema = z.object({
	teacherId: z.string().min(1),
	date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в виде ГГГГ-ММ-ДД'),
	procedureId: z.string().min(1),
	classKey: z.string(),
	massSkills: z.array(z.string())
});

export const teacherHistorySchema = z.array(teacherHistoryEntrySchema);
