import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../../../activities/logging/logger';

/** Text that looks like an injection or traversal attempt; such input is refused and logged as suspicious. */
const SUSPICIOUS = /('|"|;|--|\/\*|\*\/|\.\.|%2e|%2f|%00|\0|\\|<script|\bunion\b\s+\bselect\b|\bor\b\s+\d+\s*=\s*\d+)/i;

/** Free-text filter values (desk names, Korean included): letters, digits, spaces and a few separators. */
export const filterText = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.&()/-]*$/u, 'letters, digits, spaces and _ . & ( ) / - only')
  .refine((v) => !v.includes('--') && !v.includes('..'), 'contains a forbidden sequence');

export const isoDate = z.iso.date('expected YYYY-MM-DD');
export const eventKey = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'expected a trade event key (uuid)');
export const page = z.coerce.number().int().min(1).max(100_000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(200).default(50);

function looksSuspicious(value: unknown): boolean {
  if (typeof value === 'string') return SUSPICIOUS.test(value) || SUSPICIOUS.test(safeDecode(value));
  if (Array.isArray(value)) return value.some(looksSuspicious);
  if (value && typeof value === 'object') return Object.values(value).some(looksSuspicious);
  return false;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Parses one part of the request with `schema`. On failure answers 400 naming every bad field and logs the
 * refusal (as `suspicious` when the input looks like SQL injection or path traversal); returns undefined.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  part: 'query' | 'params' | 'body',
  req: Request,
  res: Response,
  logger: Logger,
): z.infer<S> | undefined {
  const value: unknown = part === 'query' ? req.query : part === 'params' ? req.params : req.body;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: i.path.join('.') || part, message: i.message }));
  const suspicious = looksSuspicious(value);
  logger.warn(
    {
      event: suspicious ? 'suspicious_input' : 'invalid_input',
      method: req.method,
      path: req.originalUrl.slice(0, 300),
      ip: req.ip,
      user: (res.locals.principal as { sub?: string } | undefined)?.sub,
      fields: issues.map((i) => i.field),
      input: JSON.stringify(value).slice(0, 500),
    },
    suspicious ? 'refused suspicious input' : 'refused invalid input',
  );
  res
    .status(400)
    .json({ error: `invalid ${issues[0]?.field}: ${issues[0]?.message}`, field: issues[0]?.field, issues });
  return undefined;
}
