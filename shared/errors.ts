/** The one error shape every API error uses. */
export interface ApiIssue {
  path: string;
  message: string;
}
export interface ApiErrorBody {
  error: { code: string; message: string; issues?: ApiIssue[] };
}
