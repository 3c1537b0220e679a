import { z } from 'zod';
import { roles } from '../shared/access';

const id = z
	.string()
	.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Идентификатор: латинские буквы, цифры, - и _');

/** A school class, e.g. 5А. `label` is the normalised form used in results files. */
export const schoolClassSchema = z.object({
	id,
	label: z.string().min(1),
	grade: z.number().int().min(1).max(11),
	/** The class teacher or tutor who follows the class. */
	tutorId: id.optional()
});

export const personSchema = z.object({
	id,
	fullName: z.string().min(1),
	role: z.enum(roles),
	/** Subjects a teacher teaches, as their names. */
	subjects: z.array(z.string()).default([])
});

export const studentSchema = z.object({
	id,
	fullName: z.string().min(1),
	classId: id,
	tutorId: id.optional(),
	parentIds: z.array(id).default([])
});

/** Who teaches which subject in which class. */
export const teachingSchema = z.object({
	teacherId: id,
	classId: id,
	subject: z.string().min(1)
});

export const rosterSchema = z.object({
	schoolId: id,
	schoolName: z.string().min(1),
	municipality: z.string().default(''),
	classes: z.array(schoolClassSchema),
	people: z.array(personSchema),
	students: z.array(studentSchema),
	teaching: z.array(teachingSchema)
});

export type SchoolClass = z.infer<typeof schoolClassSchema>;
export type Person = z.infer<typeof personSchema>;
export type Student = z.infer<typeof studentSchema>;
export type Teaching = z.infer<typeof teachingSchema>;
export type Roster = z.infer<typeof rosterSchema>;
