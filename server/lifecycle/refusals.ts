/**
 * The HTTP status of a refused lifecycle move. Who asks — a role the move is not for, one's own
 * proposal to approve — is a 403, as a wrong role is on every route; what the record is — no
 * such move from its status, something missing, a win past its gates without a reason — is a 409.
 */
export const REFUSAL_STATUS = { role_not_allowed: 403, own_proposal: 403, move_not_allowed: 409, not_ready: 409, gate_reason_required: 409 } as const;
