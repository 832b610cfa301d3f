#!/usr/bin/env bash
# Refreshes the API contract after endpoints change, in two steps:
#   1. src/WebApi/openapi/statehub.v1.json  <- the document the service serves (in-memory host)
#   2. src/Client/Generated/StateHubClient.g.cs <- NSwag, from that document
# then builds the client. Needs what the tests need (the .NET SDK and PostgreSQL's binaries).
# Review and commit both files; the OpenApiContractTests and GeneratedClientUpToDateTests fail
# until they match the code again.
set -euo pipefail
cd "$(dirname "$0")/.."

STATEHUB_UPDATE_OPENAPI=1 dotnet test tests/WebApi.FunctionalTests \
  --filter "FullyQualifiedName~OpenApiContractTests" --verbosity quiet --nologo
dotnet run --project tools/StateHub.ClientGenerator
dotnet build src/Client --verbosity quiet --nologo
echo "Regenerated the OpenAPI document and the C# client; review with: git diff --stat src/WebApi/openapi src/Client"
