// The demo's sign-in accounts, one per kind of user. Listed in the README; for local use only.
export const DEMO_PASSWORD = "waymark-demo-2026";

export const DEMO_USERS = {
  admin: { email: "admin@waymark.test", name: "Alex Morgan", role: "Administrator" },
  manager: { email: "manager@waymark.test", name: "Priya Shah", role: "Project manager (home-working pilot, benefits improvement plan)" },
  contributor: { email: "contributor@waymark.test", name: "Ben Turner", role: "Work-package lead and action owner" },
  board: { email: "board@waymark.test", name: "Helen Wright", role: "Project board member" },
  consultee: { email: "consultee@waymark.test", name: "Sam Okafor", role: "Trade-union representative (consultee)" },
  reader: { email: "reader@waymark.test", name: "Cllr Jo Evans", role: "Reader (scrutiny committee member)" },
  partner: { email: "partner@waymark.test", name: "Dev Patel", role: "Project manager of the partnership project only" },
} as const;

export type DemoRole = keyof typeof DEMO_USERS;
