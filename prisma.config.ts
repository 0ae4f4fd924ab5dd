// Prisma CLI configuration: where the schema files and migrations live.
// The app and scripts/db.ts open the database themselves through the better-sqlite3 adapter.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
});
