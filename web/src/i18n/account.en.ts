/** Texts of one's own account (password, sessions) and of password reset links, in English (`account.nl.ts` mirrors the keys). */
export const accountEn = {
  "password.heading": "Password",
  "password.current": "Current password",
  "password.new": "New password",
  "password.newHint": "At least 8 characters, and not a common password.",
  "password.confirm": "New password again",
  "password.mismatch": "The two new passwords are not the same.",
  "password.wrongCurrent": "That is not your current password.",
  "password.change": "Change password",
  "password.changed": "Password changed. Your other devices have been logged out; this one stays logged in.",

  "sessions.everywhere": "Log out everywhere",
  "sessions.everywhereHint": "Ends your session on every device, this one included: for a lost phone, or a shared computer you forgot to log out of.",
  "sessions.confirm": "Log out on every device, this one included?",
  "sessions.confirmYes": "Yes, log out everywhere",

  "reset.action": "Reset password",
  "reset.linkFor": "Send this link to {name} yourself. With it they choose a new password; all their sessions end.",
  "reset.link": "One-time password reset link",
  "reset.linkHint": "Works once, until {date}.",
  "reset.created": "Password reset link for {name} created.",

  "reset.title": "Choose a new password",
  "reset.intro": "Choose a new password for {email} ({org}). You are logged out everywhere else and logged in here.",
  "reset.submit": "Set password and log in",
  "reset.invalid": "This password reset link is not valid. Check that you copied all of it, or ask your admin for a new one.",
  "reset.used": "This password reset link has been used already. Ask your admin for a new one if you still need it.",
  "reset.expired": "This password reset link has expired. Ask your admin for a new one.",
  "reset.withdrawn": "This password reset link is no longer valid. Ask your admin for a new one.",
  "reset.toLogin": "Go to the login page",
};
export type AccountDictionary = Record<keyof typeof accountEn, string>;
