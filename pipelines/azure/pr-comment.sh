#!/usr/bin/env bash
# Azure Repos: posts the tenant's markdown plan as a pull request thread (REST, the build's
# own token System.AccessToken: no stored secret) [ADO-PR-THREADS].
set -euo pipefail
body=$(node -e 'console.log(JSON.stringify({ comments: [{ parentCommentId: 0, content: require("fs").readFileSync(process.argv[1], "utf8"), commentType: 1 }], status: 1 }))' "plan/$TENANT_NAME.md")
curl -sf -X POST -H "Authorization: Bearer $SYSTEM_ACCESSTOKEN" -H 'Content-Type: application/json' \
  "${SYSTEM_COLLECTIONURI}${SYSTEM_TEAMPROJECT}/_apis/git/repositories/${BUILD_REPOSITORY_ID}/pullRequests/${SYSTEM_PULLREQUEST_PULLREQUESTID}/threads?api-version=7.1" \
  -d "$body" > /dev/null
