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
type DispatchDto = Schemas["DispatchDto"];
type InterfaceChangeDto = Schemas["InterfaceChangeDto"];

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

/** What an agent does at session start: read its dispatch and say what to work on. */
export async function startSession(baseUrl: string, slug: string): Promise<string[]> {
  const client = createClient<paths>({ baseUrl });

  const dispatch = await client.GET("/repos/{slug}/dispatch", { params: { path: { slug } } });
  if (dispatch.error) {
    fail(dispatch.error);
  }
  const plan: DispatchDto = dispatch.data;
  const lines = [`goal: ${plan.active_goal?.title ?? "none"}`];
  for (const workstream of plan.active_workstreams) {
    for (const task of workstream.pending_tasks) {
      lines.push(`${workstream.key}/${task.key} [${task.status}] p${task.priority}: ${task.title}`);
    }
  }
  for (const task of plan.human_interventions) {
    lines.push(`needs a human: ${task.key} ${task.title}`);
  }
  for (const change of plan.pending_interface_changes) {
    // planned_for is a date (YYYY-MM-DD) or null.
    lines.push(`${change.change_type} ${change.interface_type} change from ${change.origin_repo_slug}: ${change.title} (${change.planned_for ?? "unscheduled"})`);
  }
  if (plan.unread_inbox_count > 0) {
    lines.push(`${plan.unread_inbox_count} unread inbox message(s)`);
  }

  // DoI without force_refresh: the cached result is fine.
  const doi = await client.GET("/repos/{slug}/doi", { params: { path: { slug } } });
  if (doi.error) {
    fail(doi.error);
  }
  lines.push(`DoI tier ${doi.data.tier}; next ${doi.data.next_tier ?? "none"} blocked by ${doi.data.next_tier_blockers.join(", ") || "nothing"}`);
  return lines;
}

/** The origin repo's agent publishes a draft change; publishing twice is a 409 it can tolerate. */
export async function publishChange(baseUrl: string, id: string, originSlug: string): Promise<InterfaceChangeDto> {
  const client = createClient<paths>({ baseUrl });

  const published = await client.POST("/interface-changes/{id}/publish", { params: { path: { id } } });
  if (published.error) {
    if (published.response.status !== 409) {
      fail(published.error);
    }
    const current = await client.GET("/interface-changes/{id}", { params: { path: { id } } });
    if (current.error) {
      fail(current.error);
    }
    return current.data;
  }

  const logged = await client.POST("/repos/{slug}/events", {
    params: { path: { slug: originSlug } },
    body: { kind: "interface_change_announced", summary: published.data.title, data: { interface_change_id: published.data.id, affected: published.data.affected_repo_slugs } },
  });
  if (logged.error) {
    fail(logged.error);
  }
  return published.data;
}

// Compile-time facts of the contract: each line fails the check if the document stops saying it.
const status: RepoDto["status"] = "archived";
// @ts-expect-error enum values are a closed set of snake_case strings
const unknownStatus: RepoDto["status"] = "deleted";
// @ts-expect-error domain_slug, slug and name are required to register a repo
const incomplete: Schemas["RegisterRepoRequest"] = { slug: "a", name: "A" };
// Nullable response fields are always present, and may be null.
const remote: RepoDto["remote_url"] = null;
// Every operation has a stable operationId.
type RegisterRepoOperation = operations["Repos_RegisterRepo"];
const conflict: RegisterRepoOperation["responses"][409]["content"]["application/problem+json"]["detail"] = "Repo slug 'a' already exists";

// A published change's lifecycle status is one of three values.
const changeStatus: InterfaceChangeDto["status"] = "published";
// @ts-expect-error progress event data is a JSON object, not a string
const textData: Schemas["LogProgressEventRequest"]["data"] = "done";
// @ts-expect-error change_type and interface_type are required to register a change (the validator requires them)
const untyped: Schemas["RegisterInterfaceChangeRequest"] = { origin_repo_slug: "identity", title: "Tokens carry the tenant" };
// A pending change in dispatch has always been published.
// @ts-expect-error published_at is never null there
const neverPublished: Schemas["PendingInterfaceChangeDto"]["published_at"] = null;
// Publishing twice is documented as a conflict problem.
type PublishOperation = operations["InterfaceChanges_PublishInterfaceChange"];
const twice: PublishOperation["responses"][409]["content"]["application/problem+json"]["status"] = 409;

export const contractFacts = [status, unknownStatus, incomplete, remote, conflict, changeStatus, textData, untyped, neverPublished, twice] as const;
