// Type-checked (never run) by .ci/checks.d/openapi-typescript.sh against the TypeScript types
// that openapi-typescript generates from src/WebApi/openapi/statehub.v1.json: it shows how an
// agent written in TypeScript calls State Hub with openapi-fetch, and fails the check when the
// contract loses something such an agent relies on.
import createClient from "openapi-fetch";
import type { components, operations, paths } from "../generated/statehub";

type Schemas = components["schemas"];
type RepoDto = Schemas["RepoDto"];
type ProblemDetails = Schemas["ProblemDetails"];
type ValidationProblemDetails = Schemas["ValidationProblemDetails"];

export class StateHubError extends Error {
  constructor(readonly status: number, readonly detail: string) {
    super(`${status}: ${detail}`);
  }
}

function isValidationProblem(problem: ProblemDetails | ValidationProblemDetails): problem is ValidationProblemDetails {
  return problem.status === 422 && typeof problem["errors"] === "object";
}

function fail(problem: ProblemDetails): never {
  throw new StateHubError(problem.status, problem.detail);
}

export async function registerRepo(baseUrl: string, fingerprint: string): Promise<RepoDto> {
  const client = createClient<paths>({ baseUrl });

  const domain = await client.POST("/domains", { body: { slug: "platform", name: "Platform" } });
  if (domain.error) {
    fail(domain.error);
  }

  const created = await client.POST("/repos", {
    body: { domain_slug: domain.data.slug, slug: "repo-registry", name: "Repo Registry", git_fingerprint: fingerprint },
  });
  if (created.error) {
    // A 422 carries `errors`, field → messages.
    const messages: string[] | undefined = isValidationProblem(created.error) ? created.error.errors["slug"] : undefined;
    throw new StateHubError(created.error.status, created.error.detail + (messages ? ` (${messages.join(" ")})` : ""));
  }

  const found = await client.GET("/repos/by-fingerprint", { params: { query: { hash: fingerprint } } });
  if (found.error) {
    fail(found.error);
  }
  const repo = found.data.find((r) => r.id === created.data.id) ?? created.data;

  const patched = await client.PATCH("/repos/{slug}", {
    params: { path: { slug: repo.slug } },
    body: { description: "Knows every repo", last_sbom_at: new Date().toISOString() },
  });
  if (patched.error) {
    fail(patched.error);
  }
  return patched.data;
}

// Compile-time facts of the contract: each line fails the check if the document stops saying it.
const status: RepoDto["status"] = "archived";
// @ts-expect-error enum values are a closed set of snake_case strings
const unknownStatus: RepoDto["status"] = "deleted";
// @ts-expect-error domain_slug, slug and name are required to register a repo
const incomplete: Schemas["RegisterRepoCommand"] = { slug: "a", name: "A" };
// Nullable response fields are always present, and may be null.
const remote: RepoDto["remote_url"] = null;
// Every operation has a stable operationId.
type RegisterRepoOperation = operations["Repos_RegisterRepo"];
const conflict: RegisterRepoOperation["responses"][409]["content"]["application/problem+json"]["detail"] = "Repo slug 'a' already exists";

export const contractFacts = [status, unknownStatus, incomplete, remote, conflict] as const;
