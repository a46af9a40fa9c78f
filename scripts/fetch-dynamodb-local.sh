#!/usr/bin/env bash
# Fetches AWS's DynamoDB Local (Java) from the npm registry into .cache/dynamodb-local, where the
# integration tests look for it. Only the emulator folder of the package is kept: a full install
# of the package pulls ~350 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=.cache/dynamodb-local
[ -f "$dest/DynamoDBLocal.jar" ] && { echo "DynamoDB Local already in $dest"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent amplify-dynamodb-simulator@2.9.30 >/dev/null)
mkdir -p "$dest"
tar -xzf "$tmp"/amplify-dynamodb-simulator-2.9.30.tgz -C "$tmp" package/emulator
cp -r "$tmp"/package/emulator/. "$dest"/
echo "DynamoDB Local installed in $dest"
