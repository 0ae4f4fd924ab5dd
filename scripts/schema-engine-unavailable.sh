#!/bin/sh
# Stands in for Prisma's native schema-engine on machines that cannot download it.
# `prisma generate` only asks its version; anything else must fail loudly.
if [ "$1" = "--version" ]; then echo "schema-engine-cli not-installed (offline stub)"; exit 0; fi
echo "schema-engine is not installed (offline machine). Use: npm run db:deploy | db:status | db:diff | db:new" >&2
exit 1
