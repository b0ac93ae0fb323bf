/** Staff roles (viewer ⊂ reviewer ⊂ admin) and the upstream systems' `service` role, which is apart from them. */
export const ROLES = ['viewer', 'reviewer', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** User name, or the upstream system's name for `service` tokens. */
  sub: string;
  role: Role;
  /** Token id, so a logout can revoke it before it expires. */
  jti: string;
}

const STAFF_RANK: Partial<Record<Role, number>> = { viewer: 1, reviewer: 2, admin: 3 };

/** Whether `role` may do what `required` may: staff roles include the lower ones; `service` only itself. */
export function roleSatisfies(role: Role, required: Role): boolean {
  if (role === required) return true;
  const have = STAFF_RANK[role];
  const need = STAFF_RANK[required];
  return have !== undefined && need !== undefined && have >= need;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
