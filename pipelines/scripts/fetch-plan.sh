#!/usr/bin/env bash
# Apply on merge: download the saved plan of this tenant from the pull request run that
# planned the merged head (gh, GitHub). Without it, nothing is applied: plan on a pull request first.
source "$(dirname "$0")/lib.sh"
set -e
pr=$(gh api "repos/$GITHUB_REPOSITORY/commits/$MERGED_SHA/pulls" --jq '.[0].head.sha')
run=$(gh run list --workflow shared-calling --event pull_request --commit "$pr" --status success --json databaseId --jq '.[0].databaseId')
if [ -z "$run" ]; then echo "No successful pull request plan for $pr: nothing applied." >&2; exit 1; fi
gh run download "$run" --name "plan-$TENANT_NAME" --dir plan
